package dev.keycard.session.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.internal.PrincipalKey;

/**
 * The revocations of cookie sessions, kept in memory by each instance and checked there, so
 * that a request costs no round trip. A {@link RevocationStore} shares them: this list applies
 * the changes the store pushes (Redis pub/sub) as they come, and asks the store for its version
 * four times per staleness bound, reading everything again when it differs. Each answer
 * <em>confirms</em> the list as of the moment it was asked, so a revocation made anywhere is
 * refused here within the bound, {@code max-staleness}: if the list has not been confirmed for
 * that long, a signed-in session is refused with 503 ({@link RevocationFailMode#CLOSED}) or
 * served on what is known ({@link RevocationFailMode#OPEN}).
 *
 * <p>Anonymous sessions are never checked: there is nothing to revoke of them.
 */
public final class RevocationList implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RevocationList.class);

	/** Added to how long a revoked session is remembered, for clocks that differ between instances. */
	private static final Duration SAFETY_MARGIN = Duration.ofHours(1);

	/** Version checks per staleness bound: a few may fail before the bound is reached. */
	private static final int CHECKS_PER_BOUND = 4;

	private final RevocationStore store;

	private final Duration maxStaleness;

	private final RevocationFailMode failMode;

	private final Clock clock;

	/** How long a session revoked on its own is remembered: its last cookie has expired by then. */
	private final Duration revokedSessionMemory;

	private final ScheduledExecutorService checks;

	private final KnownRevocations known;

	/** When the list was last confirmed current, in epoch milliseconds; never (the epoch) at first. */
	private volatile long confirmedAt;

	/** Whether the store is not answering, so that an outage is logged once, not every check. */
	private volatile boolean unreachable;

	private volatile boolean servedStale;

	private @Nullable AutoCloseable subscription;

	/**
	 * Create a list on a store; {@link #start()} reads it and keeps it current.
	 * @param store where revocations are shared
	 * @param maxStaleness how long a revocation may take to reach this instance
	 * @param failMode what is done with signed-in sessions once the bound is passed
	 * @param idleTimeout how long a session lives unused ({@code max-age}): a revoked session's
	 * last cookie, issued at the latest when the revocation reached the last instance, has
	 * expired that long after
	 * @param clock tells the time
	 */
	public RevocationList(RevocationStore store, Duration maxStaleness, RevocationFailMode failMode,
			Duration idleTimeout, Clock clock) {
		Assert.notNull(store, "store must not be null");
		Assert.isTrue(maxStaleness.toMillis() >= CHECKS_PER_BOUND * 10L, "maxStaleness must be at least 40ms");
		Assert.notNull(failMode, "failMode must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.store = store;
		this.maxStaleness = maxStaleness;
		this.failMode = failMode;
		this.clock = clock;
		this.revokedSessionMemory = idleTimeout.plus(maxStaleness).plus(SAFETY_MARGIN);
		this.known = new KnownRevocations(clock, this.revokedSessionMemory);
		this.checks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "keycard-revocations");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Subscribe to the store's changes and start checking its version. The first check runs now,
	 * on the list's own thread: until it succeeds, signed-in sessions are handled as the fail
	 * mode says.
	 */
	public void start() {
		this.subscription = this.store.subscribe(this::apply);
		this.checks.scheduleWithFixedDelay(this::confirm, 0, this.maxStaleness.toMillis() / CHECKS_PER_BOUND,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() throws Exception {
		this.checks.shutdownNow();
		AutoCloseable subscription = this.subscription;
		if (subscription != null) {
			subscription.close();
		}
	}

	/**
	 * Return whether a signed-in session is revoked.
	 * @param principal the user it is signed in as
	 * @param sessionId its id, or {@code null} if it has none (signed in before revocation was
	 * configured): then only the user's revocation applies
	 * @param signedInAt when the user signed in on it
	 * @return whether it is revoked
	 * @throws SessionStoreUnavailableException if the list has not been confirmed within the
	 * bound and the fail mode is {@link RevocationFailMode#CLOSED}
	 */
	public boolean isRevoked(String principal, @Nullable String sessionId, Instant signedInAt) {
		long staleFor = this.clock.millis() - this.confirmedAt;
		if (staleFor > this.maxStaleness.toMillis()) {
			staleBeyondBound();
		}
		return this.known.revokes(principal, sessionId, signedInAt);
	}

	private void staleBeyondBound() {
		if (this.failMode == RevocationFailMode.CLOSED) {
			throw new SessionStoreUnavailableException("The " + this.store.getName()
					+ " revocation store has not confirmed the revocations of signed-in sessions for longer than "
					+ "app.session.revocation.max-staleness (" + this.maxStaleness + "): a revoked session could be "
					+ "served, so signed-in sessions are refused until it answers");
		}
		if (!this.servedStale) {
			this.servedStale = true;
			logger.warn("Serving signed-in sessions on revocations older than app.session.revocation.max-staleness ("
					+ this.maxStaleness + "): the " + this.store.getName()
					+ " revocation store does not answer, and app.session.revocation.fail-mode is open");
		}
	}

	/**
	 * Revoke every session of a user signed in before now, but one, on every instance. A
	 * revocation adds to those made before: a session they revoked stays revoked, even the one
	 * this keeps.
	 * @param principal the user
	 * @param keptSessionId the session that stays signed in, or {@code null}
	 * @param keptSignedInAt when the kept session was signed in, or {@code null}
	 * @throws SessionStoreUnavailableException if the store cannot be reached: nothing is
	 * revoked then
	 */
	public void revokeSessionsOf(String principal, @Nullable String keptSessionId, @Nullable Instant keptSignedInAt) {
		PrincipalRevocation revocation = (keptSessionId != null && keptSignedInAt != null)
				? new PrincipalRevocation(this.clock.instant(), keptSessionId, keptSignedInAt)
				: PrincipalRevocation.allBefore(this.clock.instant());
		applyOwn(this.store.revoke(PrincipalKey.of(principal), revocation));
	}

	/**
	 * Revoke one session, on every instance, for as long as a cookie of it may live.
	 * @param sessionId the session's id
	 * @throws SessionStoreUnavailableException if the store cannot be reached: nothing is
	 * revoked then
	 */
	public void revokeSession(String sessionId) {
		applyOwn(this.store.revokeSession(sessionId, this.clock.instant().plus(this.revokedSessionMemory)));
	}

	/**
	 * Record a signed-in session for the device list, at sign-in. With the fail mode closed, a
	 * store that cannot be reached fails the sign-in, which could not be listed or counted;
	 * open, it is logged.
	 * @param principal the user
	 * @param session the session
	 * @throws SessionStoreUnavailableException if the store cannot be reached and the fail mode
	 * is closed
	 */
	public void record(String principal, IssuedSession session) {
		try {
			this.store.record(PrincipalKey.of(principal), session);
		}
		catch (SessionStoreUnavailableException ex) {
			if (this.failMode == RevocationFailMode.CLOSED) {
				throw ex;
			}
			logger.warn("A signed-in session could not be recorded in the " + this.store.getName()
					+ " revocation store, so the device list may miss it: " + ex.getMessage());
		}
	}

	/**
	 * Record that a session was seen again (its cookie refreshed), for the device list. Never
	 * fails the request: the list shows the time of the previous refresh instead.
	 * @param principal the user
	 * @param session the session
	 */
	public void refreshed(String principal, IssuedSession session) {
		bestEffort("the device list may show an older last visit",
				() -> this.store.record(PrincipalKey.of(principal), session));
	}

	/**
	 * A session signed out: revoke it, so that a copy of its cookie is refused too, and forget
	 * it. Never fails the sign-out, which expires the client's cookie whatever happens: with
	 * the store down, a copy of the cookie stays valid until it expires, and the log says so.
	 * @param principal the user
	 * @param sessionId the session's id
	 * @param forget whether the session was recorded for the device list
	 */
	public void signedOut(String principal, String sessionId, boolean forget) {
		bestEffort("a copy of the signed-out cookie stays valid until it expires", () -> {
			revokeSession(sessionId);
			if (forget) {
				this.store.forget(PrincipalKey.of(principal), sessionId);
			}
		});
	}

	private void bestEffort(String consequence, Runnable write) {
		try {
			write.run();
		}
		catch (SessionStoreUnavailableException ex) {
			logger.warn("The " + this.store.getName() + " revocation store cannot be reached, so " + consequence
					+ ": " + ex.getMessage());
		}
	}

	/**
	 * Return a user's recorded sessions that are neither expired nor revoked, newest first.
	 * @param principal the user
	 * @return the sessions
	 */
	public List<IssuedSession> recorded(String principal) {
		Instant now = this.clock.instant();
		List<IssuedSession> live = new ArrayList<>();
		for (IssuedSession session : this.store.recorded(PrincipalKey.of(principal), now)) {
			if (session.expiresAt().isAfter(now) && !isRevoked(principal, session.id(), session.signedInAt())) {
				live.add(session);
			}
		}
		live.sort(Comparator.comparing(IssuedSession::signedInAt).reversed());
		return live;
	}

	/**
	 * Return how long ago this list was last confirmed current with its store.
	 * @return the time since, or {@code null} if it never was
	 */
	public @Nullable Duration sinceConfirmed() {
		long confirmedAt = this.confirmedAt;
		return (confirmedAt != 0) ? Duration.ofMillis(this.clock.millis() - confirmedAt) : null;
	}

	/**
	 * Return whether signed-in sessions are refused with 503 now, because the list has not been
	 * confirmed within the bound and the fail mode is closed.
	 * @return whether signed-in sessions are refused
	 */
	public boolean isRefusingSignedInSessions() {
		return this.failMode == RevocationFailMode.CLOSED
				&& this.clock.millis() - this.confirmedAt > this.maxStaleness.toMillis();
	}

	/**
	 * Return the bound within which a revocation reaches this instance.
	 * @return {@code max-staleness}
	 */
	public Duration getMaxStaleness() {
		return this.maxStaleness;
	}

	/**
	 * Return the name of the store the revocations are shared in.
	 * @return the name
	 */
	public String getStoreName() {
		return this.store.getName();
	}

	private void applyOwn(RevocationChange change) {
		if (this.known.applyOwn(change)) {
			this.checks.execute(this::confirm);
		}
	}

	/** Apply a change the store pushed; read everything again if it does not follow what is known. */
	void apply(RevocationChange change) {
		if (this.known.apply(change)) {
			this.checks.execute(this::confirm);
		}
	}

	/** Ask the store for its version; read everything if it differs; the list is current as of the asking. */
	private void confirm() {
		long asked = this.clock.millis();
		try {
			RevocationVersion version = this.store.version();
			if (!version.equals(this.known.version())) {
				RevocationSnapshot loaded = this.store.load();
				if (loaded.version() == null) {
					// Changed while it was read: not confirmed, the next check reads it again.
					return;
				}
				RevocationVersion before = this.known.version();
				if (this.known.install(version, loaded)) {
					logger.error("The " + this.store.getName() + " revocation store has lost revocations this "
							+ "instance had applied (a failover or a restart without persistence): it is at change "
							+ version.number() + " where this instance was at " + before.number()
							+ ". Revocations made since its last persisted or replicated write are undone; revoke "
							+ "again what must stay revoked.");
				}
			}
			this.confirmedAt = asked;
			if (this.unreachable) {
				this.unreachable = false;
				this.servedStale = false;
				logger.info("The " + this.store.getName() + " revocation store answers again");
			}
		}
		catch (RuntimeException ex) {
			if (!this.unreachable) {
				this.unreachable = true;
				logger.warn("The " + this.store.getName() + " revocation store cannot be reached; signed-in cookie "
						+ "sessions are " + ((this.failMode == RevocationFailMode.CLOSED) ? "refused with 503"
								: "served on the revocations known so far")
						+ " once it has not answered for " + this.maxStaleness + ": " + ex.getMessage());
			}
		}
	}

}
