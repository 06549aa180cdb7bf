package dev.keycard.session.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 key derivation (RFC 5869). Java 17 has no HKDF API, and the function is a few
 * lines of HMAC, so it is written here rather than pulled in with a cryptography library.
 */
final class Hkdf {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final int HASH_LENGTH = 32;

	private Hkdf() {
	}

	/**
	 * Derive key material from input key material and a label naming its purpose, with an
	 * all-zero salt.
	 * @param inputKeyMaterial the secret
	 * @param label the purpose, so that keys for different purposes are independent
	 * @param length the number of bytes to derive, at most 255 × 32
	 * @return the derived bytes
	 */
	static byte[] derive(byte[] inputKeyMaterial, String label, int length) {
		return derive(new byte[HASH_LENGTH], inputKeyMaterial, label.getBytes(StandardCharsets.UTF_8), length);
	}

	/**
	 * Derive key material as RFC 5869 defines it: extract with the salt, then expand with the
	 * info.
	 * @param salt the salt; an empty salt stands for {@code HashLen} zero bytes
	 * @param inputKeyMaterial the input key material
	 * @param info the context and application specific information
	 * @param length the number of bytes to derive, at most 255 × 32
	 * @return the derived bytes
	 */
	static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
		if (length < 1 || length > 255 * HASH_LENGTH) {
			throw new IllegalArgumentException("HKDF-SHA256 derives 1 to " + (255 * HASH_LENGTH) + " bytes, not " + length);
		}
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec((salt.length > 0) ? salt : new byte[HASH_LENGTH], HMAC_SHA256));
			byte[] pseudoRandomKey = mac.doFinal(inputKeyMaterial);
			mac.init(new SecretKeySpec(pseudoRandomKey, HMAC_SHA256));
			byte[] output = new byte[length];
			byte[] block = new byte[0];
			for (int offset = 0, counter = 1; offset < length; counter++) {
				mac.update(block);
				mac.update(info);
				mac.update((byte) counter);
				block = mac.doFinal();
				int count = Math.min(block.length, length - offset);
				System.arraycopy(block, 0, output, offset, count);
				offset += count;
			}
			return output;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java runtime", ex);
		}
	}

}
