package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EncryptedSessionCodec}.
 */
final class EncryptedSessionCodecTests extends AbstractSessionCodecTests {

	@Override
	SessionCodec codecFor(KeyRing keyRing) {
		return new EncryptedSessionCodec(keyRing);
	}

	@Override
	SessionCodec otherModeCodecFor(KeyRing keyRing) {
		return new SignedSessionCodec(keyRing);
	}

	@Test
	void hidesThePayloadFromTheClient() {
		String value = encode(PAYLOAD);

		String tokenText = new String(decodeLeniently(value), StandardCharsets.ISO_8859_1);

		assertThat(tokenText).doesNotContain(PAYLOAD).doesNotContain("alice").doesNotContain("admin");
	}

	@Test
	void encodesTheSameTokenDifferentlyEachTime() {
		String first = encode(PAYLOAD);
		String second = encode(PAYLOAD);

		assertThat(first).isNotEqualTo(second);
		assertThat(decode(first)).isNotNull();
		assertThat(decode(second)).isNotNull();
	}

	@Test
	void writesTheHeaderThatTokenFormatDocuments() throws Exception {
		SessionKey key = SessionKey.derive(SECRET);

		ByteBuffer bytes = ByteBuffer.wrap(decodeLeniently(encode(PAYLOAD)));

		assertThat(bytes.limit()).isEqualTo(32 + 12 + PAYLOAD.length() + 16);
		assertThat(bytes.get(0)).isEqualTo((byte) 1);
		assertThat(bytes.get(1)).isEqualTo((byte) 2);
		assertThat(bytes.getInt(2)).isEqualTo(key.getId());
		assertThat(bytes.getLong(6)).isEqualTo(CREATED_AT.getEpochSecond());
		assertThat(bytes.getLong(14)).isEqualTo(ISSUED_AT.getEpochSecond());
		assertThat(bytes.getLong(22)).isEqualTo(EXPIRES_AT.getEpochSecond());
		byte[] nameHash = MessageDigest.getInstance("SHA-256").digest(COOKIE_NAME.getBytes(StandardCharsets.UTF_8));
		assertThat(new byte[] { bytes.get(30), bytes.get(31) }).isEqualTo(Arrays.copyOf(nameHash, 2));
	}

}
