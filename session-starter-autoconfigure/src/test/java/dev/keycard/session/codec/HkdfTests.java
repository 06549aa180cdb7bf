package dev.keycard.session.codec;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Hkdf}, against the SHA-256 test vectors of RFC 5869, appendix A.
 */
final class HkdfTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void derivesRfc5869TestCase1BasicOutput() {
		byte[] inputKeyMaterial = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
		byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

		byte[] output = Hkdf.derive(salt, inputKeyMaterial, info, 42);

		assertThat(HEX.formatHex(output)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
				+ "34007208d5b887185865");
	}

	@Test
	void derivesRfc5869TestCase2LongerInputsAndOutputs() {
		byte[] inputKeyMaterial = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
				+ "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f");
		byte[] salt = HEX.parseHex("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
				+ "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
		byte[] info = HEX.parseHex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
				+ "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");

		byte[] output = Hkdf.derive(salt, inputKeyMaterial, info, 82);

		assertThat(HEX.formatHex(output)).isEqualTo("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
				+ "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
				+ "cc30c58179ec3e87c14c01d5c1f3434f1d87");
	}

	@Test
	void derivesRfc5869TestCase3EmptySaltAndInfo() {
		byte[] inputKeyMaterial = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

		byte[] output = Hkdf.derive(new byte[0], inputKeyMaterial, new byte[0], 42);

		assertThat(HEX.formatHex(output)).isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
				+ "9d201395faa4b61a96c8");
	}

	@Test
	void derivesWithALabelAsInfoAndAnAllZeroSalt() {
		byte[] inputKeyMaterial = "test-secret-0123456789-abcdefghijkl".getBytes(StandardCharsets.UTF_8);

		byte[] output = Hkdf.derive(inputKeyMaterial, "keycard/v1 cookie signing", 32);

		assertThat(output).isEqualTo(Hkdf.derive(new byte[32], inputKeyMaterial,
				"keycard/v1 cookie signing".getBytes(StandardCharsets.UTF_8), 32));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 32, 33, 255 * 32 })
	void derivesAnyLengthFromOneByteTo255Blocks(int length) {
		byte[] output = Hkdf.derive(new byte[0], new byte[] { 1, 2, 3 }, new byte[0], length);

		assertThat(output).hasSize(length);
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 255 * 32 + 1, Integer.MAX_VALUE })
	void refusesALengthOutsideOneByteTo255Blocks(int length) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Hkdf.derive(new byte[0], new byte[] { 1, 2, 3 }, new byte[0], length))
			.withMessage("HKDF-SHA256 derives 1 to 8160 bytes, not " + length);
	}

}
