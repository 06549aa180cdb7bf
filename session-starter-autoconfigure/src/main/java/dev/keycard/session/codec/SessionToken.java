package dev.keycard.session.codec;

import java.time.Instant;

/**
 * What a cookie token carries: the session's serialized values and its authenticated times.
 *
 * @param createdAt when the session was created, for the absolute timeout
 * @param issuedAt when this token was issued, for rolling refreshes
 * @param expiresAt after when the token is refused
 * @param payload the serialized session values
 * @param issuedUnderPreviousKey whether a decoded token was verified with a previous secret and
 * should be re-issued; ignored when encoding
 */
public record SessionToken(Instant createdAt, Instant issuedAt, Instant expiresAt, byte[] payload,
		boolean issuedUnderPreviousKey) {

	/**
	 * Create a token to encode.
	 * @param createdAt when the session was created
	 * @param issuedAt when this token is issued
	 * @param expiresAt after when the token is refused
	 * @param payload the serialized session values
	 */
	public SessionToken(Instant createdAt, Instant issuedAt, Instant expiresAt, byte[] payload) {
		this(createdAt, issuedAt, expiresAt, payload, false);
	}

}
