package dev.keycard.session.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.store.internal.PrincipalKey;

/**
 * The revocations one instance knows, as of one version of its store: changed by the changes
 * that follow that version, replaced by what is read from the store, and read by every request
 * with no lock. A user's revocation is forgotten once every session it revoked has expired.
 */
final class KnownRevocations {

	private final Clock clock;

	/** How long a revocation is kept: every cookie of a session it revoked has expired by then. */
	private final Duration memory;

	private final Object changes = new Object();

	private volatile RevocationSnapshot known = new RevocationSnapshot(RevocationVersion.UNKNOWN, Map.of(), Map.of());

	KnownRevocations(Clock clock, Duration memory) {
		this.clock = clock;
		this.memory = memory;
	}

	/** Whether a signed-in session is revoked by what is known. */
	boolean revokes(String principal, @Nullable String sessionId, Instant signedInAt) {
		RevocationSnapshot known = this.known;
		// No hash of the name while nobody was ever signed out everywhere: the usual case.
		PrincipalRevocation revocation = known.principals().isEmpty() ? null
				: known.principals().get(PrincipalKey.of(principal));
		String id = (sessionId != null) ? sessionId : "";
		return (revocation != null && revocation.revokes(id, signedInAt))
				|| (sessionId != null && known.sessions().containsKey(sessionId));
	}

	RevocationVersion version() {
		RevocationVersion version = this.known.version();
		return (version != null) ? version : RevocationVersion.UNKNOWN;
	}

	/**
	 * Apply a change made by this instance at once, even after a gap, so that the instance that
	 * revoked refuses at once; the version moves only without a gap.
	 * @return whether the store must be read again, to fill the gap
	 */
	boolean applyOwn(RevocationChange change) {
		synchronized (this.changes) {
			RevocationSnapshot known = this.known;
			if (change.previous().equals(version())) {
				this.known = with(known, change);
				return false;
			}
			RevocationSnapshot folded = with(known, change);
			this.known = new RevocationSnapshot(version(), folded.principals(), folded.sessions());
			return true;
		}
	}

	/**
	 * Apply a change pushed by the store if it follows the version known.
	 * @return whether the store must be read again: the change follows another version (a push
	 * lost on the way, or a store that lost changes)
	 */
	boolean apply(RevocationChange change) {
		synchronized (this.changes) {
			RevocationVersion version = version();
			if (change.previous().equals(version)) {
				this.known = with(this.known, change);
				return false;
			}
			return !change.version().equals(version);
		}
	}

	/**
	 * Take what was read from the store, unless a change applied meanwhile is newer.
	 * @param stored the store's version, read before {@code loaded}
	 * @param loaded what was read, under one version
	 * @return whether the store lost changes this instance had applied: it went back, or made as
	 * many others
	 */
	boolean install(RevocationVersion stored, RevocationSnapshot loaded) {
		RevocationVersion read = loaded.version();
		synchronized (this.changes) {
			RevocationVersion known = version();
			boolean lost = known.number() >= 0 && (stored.number() < known.number()
					|| (stored.number() == known.number() && !stored.chain().equals(known.chain())));
			if (read != null && (lost || read.number() >= known.number())) {
				this.known = withoutOutlived(loaded);
			}
			return lost;
		}
	}

	private RevocationSnapshot with(RevocationSnapshot known, RevocationChange change) {
		Map<String, PrincipalRevocation> principals = new HashMap<>(known.principals());
		principals.values().removeIf(this::outlived);
		Map<String, Instant> sessions = known.sessions();
		if (change.principalKey() != null && change.principal() != null) {
			principals.put(change.principalKey(), change.principal());
		}
		if (change.sessionId() != null && change.sessionRevokedUntil() != null) {
			Instant now = this.clock.instant();
			sessions = new HashMap<>(sessions);
			sessions.values().removeIf((until) -> until.isBefore(now));
			sessions.put(change.sessionId(), change.sessionRevokedUntil());
		}
		return new RevocationSnapshot(change.version(), principals, sessions);
	}

	/**
	 * Whether a user's revocation can no longer refuse anything: every session it revoked was
	 * refused ever since (none could refresh its cookie), so its last cookie has expired.
	 */
	private boolean outlived(PrincipalRevocation revocation) {
		return revocation.before().plus(this.memory).isBefore(this.clock.instant());
	}

	private RevocationSnapshot withoutOutlived(RevocationSnapshot snapshot) {
		Map<String, PrincipalRevocation> principals = new HashMap<>(snapshot.principals());
		if (!principals.values().removeIf(this::outlived)) {
			return snapshot;
		}
		return new RevocationSnapshot(snapshot.version(), principals, snapshot.sessions());
	}

}
