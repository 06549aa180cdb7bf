package dev.keycard.session.codec;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KeyRing} and the {@link SessionKey keys} it derives.
 */
final class KeyRingTests {

	private static final String SECRET_A = "test-secret-0123456789-abcdefghijkl";

	private static final String SECRET_B = "test-secret-9876543210-lkjihgfedcba";

	private static final String SECRET_C = "test-secret-abcdefghijkl-0123456789";

	@Test
	void refusesACurrentSecretShorterThan32Bytes() {
		String secret = "x".repeat(KeyRing.MINIMUM_SECRET_LENGTH - 1);

		assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(secret, List.of()))
			.withMessage("Session secrets must be at least 32 bytes long");
	}

	@Test
	void refusesAPreviousSecretShorterThan32Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(SECRET_A, List.of(SECRET_B, "too-short")))
			.withMessage("Session secrets must be at least 32 bytes long");
	}

	@Test
	void measuresSecretLengthInUtf8Bytes() {
		String sixteenTwoByteCharacters = "é".repeat(16);
		String fifteenTwoByteCharacters = "é".repeat(15);

		KeyRing keyRing = KeyRing.of(sixteenTwoByteCharacters, List.of());

		assertThat(keyRing.getKeys()).hasSize(1);
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(fifteenTwoByteCharacters, List.of()));
	}

	@Test
	void putsTheCurrentKeyFirstAndKeepsPreviousKeysInOrder() {
		KeyRing keyRing = KeyRing.of(SECRET_B, List.of(SECRET_C, SECRET_A));

		assertThat(keyRing.getKeys()).extracting(SessionKey::getId).containsExactly(idOf(SECRET_B), idOf(SECRET_C),
				idOf(SECRET_A));
		assertThat(keyRing.getKeys().get(0)).isSameAs(keyRing.getCurrent());
		assertThat(keyRing.getCurrent().getId()).isEqualTo(idOf(SECRET_B));
	}

	@Test
	void removesDuplicateSecretsKeepingTheFirstPosition() {
		KeyRing keyRing = KeyRing.of(SECRET_B, List.of(SECRET_C, SECRET_B, SECRET_A, SECRET_C));

		assertThat(keyRing.getKeys()).extracting(SessionKey::getId).containsExactly(idOf(SECRET_B), idOf(SECRET_C),
				idOf(SECRET_A));
	}

	@Test
	void keepsItsKeysUnmodifiable() {
		KeyRing keyRing = KeyRing.of(SECRET_A, List.of(SECRET_B));

		assertThat(keyRing.getKeys()).isUnmodifiable();
	}

	@Test
	void derivesTheSameKeyIdFromTheSameSecret() {
		assertThat(SessionKey.derive(SECRET_A).getId()).isEqualTo(SessionKey.derive(SECRET_A).getId());
		assertThat(KeyRing.of(SECRET_A, List.of()).getCurrent().getId())
			.isEqualTo(KeyRing.of(SECRET_B, List.of(SECRET_A)).getKeys().get(1).getId());
	}

	@Test
	void derivesDifferentKeyIdsFromDifferentSecrets() {
		assertThat(List.of(idOf(SECRET_A), idOf(SECRET_B), idOf(SECRET_C))).doesNotHaveDuplicates();
	}

	@Test
	void derivesAnIndependentKeyForEachPurpose() {
		SessionKey key = SessionKey.derive(SECRET_A);

		byte[] signing = key.getSigningKey().getEncoded();
		byte[] encryption = key.getEncryptionKey().getEncoded();
		byte[] sessionId = key.getSessionIdKey().getEncoded();

		assertThat(signing).hasSize(32).isNotEqualTo(encryption).isNotEqualTo(sessionId);
		assertThat(encryption).hasSize(32).isNotEqualTo(sessionId);
		assertThat(sessionId).hasSize(32);
		assertThat(key.getSigningKey().getAlgorithm()).isEqualTo("HmacSHA256");
		assertThat(key.getEncryptionKey().getAlgorithm()).isEqualTo("AES");
	}

	@Test
	void derivesDifferentKeysFromDifferentSecrets() {
		SessionKey a = SessionKey.derive(SECRET_A);
		SessionKey b = SessionKey.derive(SECRET_B);

		assertThat(a.getSigningKey().getEncoded()).isNotEqualTo(b.getSigningKey().getEncoded());
		assertThat(a.getEncryptionKey().getEncoded()).isNotEqualTo(b.getEncryptionKey().getEncoded());
	}

	@Test
	void doesNotRevealTheSecretInToString() {
		SessionKey key = SessionKey.derive(SECRET_A);

		assertThat(key.toString()).doesNotContain(SECRET_A)
			.isEqualTo("SessionKey[id=" + Integer.toHexString(key.getId()) + "]");
	}

	private static int idOf(String secret) {
		return SessionKey.derive(secret).getId();
	}

}
