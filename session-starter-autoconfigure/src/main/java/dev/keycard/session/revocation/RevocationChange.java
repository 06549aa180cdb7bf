package dev.keycard.session.revocation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One change a revocation store made, as it tells every instance: either a user's sessions or
 * one session revoked.
 *
 * @param previous the store's version before the change: an instance applies the change only
 * on that version, and reads everything again otherwise
 * @param version the store's version once the change was made
 * @param principalKey the user whose sessions are revoked, or {@code null} for one session
 * @param principal the revocation of the user's sessions, as stored (combined with the user's
 * previous one), or {@code null} for one session
 * @param sessionId the session revoked, or {@code null} for a user's sessions
 * @param sessionRevokedUntil when the revoked session would have expired anyway
 */
public record RevocationChange(RevocationVersion previous, RevocationVersion version, @Nullable String principalKey,
		@Nullable PrincipalRevocation principal, @Nullable String sessionId, @Nullable Instant sessionRevokedUntil) {

	/**
	 * A user's sessions revoked.
	 * @param previous the store's version before
	 * @param version the store's version once revoked
	 * @param principalKey the user's principal key
	 * @param revocation what is revoked, as stored
	 * @return the change
	 */
	public static RevocationChange ofPrincipal(RevocationVersion previous, RevocationVersion version,
			String principalKey, PrincipalRevocation revocation) {
		return new RevocationChange(previous, version, principalKey, revocation, null, null);
	}

	/**
	 * One session revoked.
	 * @param previous the store's version before
	 * @param version the store's version once revoked
	 * @param sessionId the session's id
	 * @param until when it would have expired anyway
	 * @return the change
	 */
	public static RevocationChange ofSession(RevocationVersion previous, RevocationVersion version, String sessionId,
			Instant until) {
		return new RevocationChange(previous, version, null, null, sessionId, until);
	}

}
