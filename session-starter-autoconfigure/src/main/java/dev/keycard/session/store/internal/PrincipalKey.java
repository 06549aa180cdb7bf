package dev.keycard.session.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What a store files a principal's sessions under: the Base64url SHA-256 of the principal's
 * name, 43 characters, safe in a Redis key, a file name and an ASCII column whatever the name,
 * and no personal data in a key. A store checks the principal of each record it finds, so a
 * collision could never list another user's session.
 */
public final class PrincipalKey {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private PrincipalKey() {
	}

	/**
	 * Return the key of a principal.
	 * @param principal the principal's name
	 * @return 43 Base64url characters
	 */
	public static String of(String principal) {
		try {
			return ENCODER.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

}
