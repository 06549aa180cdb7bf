package dev.keycard.session.revocation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Every session of one user signed in before an instant is revoked, but one that is kept.
 *
 * @param before sessions signed in before this instant are revoked
 * @param keptSessionId the session that stays signed in ("sign out my other devices"), or
 * {@code null} if none does ("sign out everywhere")
 * @param keptSignedInAt when the kept session was signed in, so that a later revocation can
 * tell whether an earlier one revoked it; {@code null} with no kept session
 */
public record PrincipalRevocation(Instant before, @Nullable String keptSessionId, @Nullable Instant keptSignedInAt) {

	/**
	 * Revoke every session of a user signed in before an instant.
	 * @param before the instant
	 * @return the revocation
	 */
	public static PrincipalRevocation allBefore(Instant before) {
		return new PrincipalRevocation(before, null, null);
	}

	/**
	 * Return whether this revocation refuses a session.
	 * @param sessionId the session's id
	 * @param signedInAt when it was signed in
	 * @return whether it is revoked
	 */
	public boolean revokes(String sessionId, Instant signedInAt) {
		return signedInAt.isBefore(this.before) && !sessionId.equals(this.keptSessionId);
	}

	/**
	 * Combine a user's revocation with another, so that every session either revoked stays
	 * revoked: the later {@code before}, keeping the later one's kept session only if the
	 * earlier one did not revoke it. Without this, a stolen session could undo "sign out my other
	 * devices" by signing out the others itself before its instance heard of the first.
	 * @param existing the revocation there was, or {@code null}
	 * @param added the revocation added
	 * @return the two combined
	 */
	public static PrincipalRevocation combined(@Nullable PrincipalRevocation existing, PrincipalRevocation added) {
		if (existing == null) {
			return added;
		}
		PrincipalRevocation later = added.before.isBefore(existing.before) ? existing : added;
		PrincipalRevocation earlier = (later == added) ? existing : added;
		String kept = later.keptSessionId;
		Instant keptSignedInAt = later.keptSignedInAt;
		if (kept != null && (keptSignedInAt == null || earlier.revokes(kept, keptSignedInAt))) {
			return allBefore(later.before);
		}
		return later;
	}

}
