package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

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

	@Test
	void authenticatesTheCookieNameAndTheHeaderAsDocumented() throws Exception {
		SessionKey key = SessionKey.derive(SECRET);
		byte[] token = decodeLeniently(encode(PAYLOAD));
		byte[] name = COOKIE_NAME.getBytes(StandardCharsets.UTF_8);

		// Decrypted apart from the codec: the name's length and bytes, then the header, as
		// additional data, so that tokens issued before and after a change of the code agree.
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, key.getEncryptionKey(), new GCMParameterSpec(128, token, 32, 12));
		cipher.updateAAD(ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array());
		cipher.updateAAD(token, 0, 32);
		byte[] payload = cipher.doFinal(token, 44, token.length - 44);

		assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
	}

}
