package dev.keycard.session.revocation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One change a revocation store made, as it tells every instance: either a user's sessions or
 * one session revoked.
 *
 * @param version the store's version once the change was made
 * @param principalKey the user whose sessions are revoked, or {@code null} for one session
 * @param principal the revocation of the user's sessions, or {@code null} for one session
 * @param sessionId the session revoked, or {@code null} for a user's sessions
 * @param sessionRevokedUntil when the revoked session would have expired anyway
 */
public record RevocationChange(long version, @Nullable String principalKey, @Nullable PrincipalRevocation principal,
		@Nullable String sessionId, @Nullable Instant sessionRevokedUntil) {

	/**
	 * A user's sessions revoked.
	 * @param version the store's version once revoked
	 * @param principalKey the user's principal key
	 * @param revocation what is revoked
	 * @return the change
	 */
	public static RevocationChange ofPrincipal(long version, String principalKey, PrincipalRevocation revocation) {
		return new RevocationChange(version, principalKey, revocation, null, null);
	}

	/**
	 * One session revoked.
	 * @param version the store's version once revoked
	 * @param sessionId the session's id
	 * @param until when it would have expired anyway
	 * @return the change
	 */
	public static RevocationChange ofSession(long version, String sessionId, Instant until) {
		return new RevocationChange(version, null, null, sessionId, until);
	}

}
