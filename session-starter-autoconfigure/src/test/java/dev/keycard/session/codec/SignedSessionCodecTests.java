package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignedSessionCodec}.
 */
final class SignedSessionCodecTests extends AbstractSessionCodecTests {

	@Override
	SessionCodec codecFor(KeyRing keyRing) {
		return new SignedSessionCodec(keyRing);
	}

	@Override
	SessionCodec otherModeCodecFor(KeyRing keyRing) {
		return new EncryptedSessionCodec(keyRing);
	}

	@Test
	void letsTheClientReadThePayload() {
		String value = encode(PAYLOAD);

		String tokenText = new String(decodeLeniently(value), StandardCharsets.ISO_8859_1);

		assertThat(tokenText).contains(PAYLOAD);
	}

	@Test
	void encodesTheSameTokenTheSameWay() {
		assertThat(encode(PAYLOAD)).isEqualTo(encode(PAYLOAD));
	}

	@Test
	void writesTheHeaderThatTokenFormatDocuments() throws Exception {
		SessionKey key = SessionKey.derive(SECRET);

		ByteBuffer bytes = ByteBuffer.wrap(decodeLeniently(encode(PAYLOAD)));

		assertThat(bytes.limit()).isEqualTo(32 + PAYLOAD.length() + 32);
		assertThat(bytes.get(0)).isEqualTo((byte) 1);
		assertThat(bytes.get(1)).isEqualTo((byte) 1);
		assertThat(bytes.getInt(2)).isEqualTo(key.getId());
		assertThat(bytes.getLong(6)).isEqualTo(CREATED_AT.getEpochSecond());
		assertThat(bytes.getLong(14)).isEqualTo(ISSUED_AT.getEpochSecond());
		assertThat(bytes.getLong(22)).isEqualTo(EXPIRES_AT.getEpochSecond());
		byte[] nameHash = MessageDigest.getInstance("SHA-256").digest(COOKIE_NAME.getBytes(StandardCharsets.UTF_8));
		assertThat(new byte[] { bytes.get(30), bytes.get(31) }).isEqualTo(Arrays.copyOf(nameHash, 2));
	}

}
