package dev.keycard.session;

/**
 * Why a session cookie the client sent was not accepted. Whatever the reason, the request goes
 * on with a new, empty session; the reason is only counted, for operators.
 */
public enum CookieRefusal {

	/** Not a token of this format: wrong encoding, length, version or mode. */
	MALFORMED,

	/** Longer than any cookie a browser keeps ({@code SessionCodec.MAX_COOKIE_LENGTH}): never decoded. */
	TOO_LARGE,

	/** Made under a key that is not in the key ring: a secret removed from {@code previous-secrets}, or a forgery. */
	UNKNOWN_KEY,

	/** The signature (or the encryption's tag) does not match: changed or forged. */
	BAD_SIGNATURE,

	/**
	 * Made by Keycard for a cookie of another name (another application on the domain, or a
	 * value copied from one cookie into another), so not valid in this one.
	 */
	OTHER_COOKIE_NAME,

	/** Authentic, but past its expiry. */
	EXPIRED,

	/** Authentic, but its content cannot be read as a session. */
	UNREADABLE,

	/** An authentic id whose session the store does not have: expired, invalidated or deleted. */
	UNKNOWN_SESSION,

	/**
	 * An authentic cookie session of a user whose sessions were revoked ("sign out everywhere",
	 * "sign out my other devices"), or revoked on its own, through the revocation store.
	 */
	REVOKED,

	/** Refused by a codec of the application's own, which gives no reason. */
	INVALID

}
