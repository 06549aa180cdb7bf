package dev.keycard.session.revocation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Every session of one user signed in before an instant is revoked, but one that is kept.
 *
 * @param before sessions signed in before this instant are revoked
 * @param keptSessionId the session that stays signed in ("sign out my other devices"), or
 * {@code null} if none does ("sign out everywhere")
 */
public record PrincipalRevocation(Instant before, @Nullable String keptSessionId) {

	/**
	 * Whether this revocation refuses a session.
	 * @param sessionId the session's id
	 * @param signedInAt when it was signed in
	 * @return whether it is revoked
	 */
	boolean revokes(String sessionId, Instant signedInAt) {
		return signedInAt.isBefore(this.before) && !sessionId.equals(this.keptSessionId);
	}

}
