package dev.keycard.session.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.web.SessionStorage;

/**
 * The health of where sessions are kept. A server-side store is up when it answers a load
 * within a bounded time, the same call a request makes, so that it fails exactly when
 * requests would answer 503; sessions kept in their cookie are up, unless their revocations
 * have not been confirmed within {@code max-staleness} and signed-in sessions answer 503 for
 * it (fail mode closed). Details: the store, the mode, for a store how long it took to answer,
 * for revocations how long ago they were confirmed; never a key, a secret or a session.
 */
public final class SessionStoreHealthIndicator extends AbstractHealthIndicator {

	/** A key no session has: the hash of 32 zero bytes, in the format of every store key. */
	private static final String PROBE_KEY = SessionIdCodec.storeKey(new byte[SessionIdCodec.ID_LENGTH]);

	private final SessionStorage storage;

	private final @Nullable SessionStore store;

	private final Duration timeout;

	private final Executor executor;

	private @Nullable RevocationList revocations;

	/**
	 * Create the indicator.
	 * @param storage where sessions are kept
	 * @param store the store, or {@code null} for sessions kept in their cookie
	 * @param timeout how long the store has to answer
	 * @param executor runs the probe, so that a store that hangs is given up on at the timeout
	 */
	public SessionStoreHealthIndicator(SessionStorage storage, @Nullable SessionStore store, Duration timeout,
			Executor executor) {
		super("Session store health check failed");
		Assert.notNull(storage, "storage must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.storage = storage;
		this.store = store;
		this.timeout = timeout;
		this.executor = executor;
	}

	/**
	 * Report on the revocations cookie sessions are checked against.
	 * @param revocations the revocations, or {@code null} if cookie sessions are not revocable
	 */
	public void setRevocations(@Nullable RevocationList revocations) {
		this.revocations = revocations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("store", this.storage.store()).withDetail("mode", this.storage.mode());
		if (this.storage.overflowStore() != null) {
			builder.withDetail("overflowStore", this.storage.overflowStore());
		}
		SessionStore store = this.store;
		if (store == null) {
			builder.up().withDetail("serverState", "none: every session is in its cookie");
			RevocationList revocations = this.revocations;
			if (revocations != null) {
				revocationHealth(builder, revocations);
			}
			return;
		}
		long start = System.nanoTime();
		CompletableFuture<?> probe = CompletableFuture.runAsync(() -> store.load(PROBE_KEY), this.executor);
		try {
			probe.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			builder.up().withDetail("responseTime", Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		}
		catch (TimeoutException ex) {
			probe.cancel(true);
			builder.down().withDetail("error", "The store did not answer within " + this.timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			builder.down().withDetail("error", cause.getClass().getName() + ": " + cause.getMessage());
		}
	}

	private static void revocationHealth(Health.Builder builder, RevocationList revocations) {
		Duration since = revocations.sinceConfirmed();
		builder.withDetail("revocationStore", revocations.getStoreName())
			.withDetail("revocationsConfirmed", (since != null) ? since.toMillis() + " ms ago" : "never");
		if (revocations.isRefusingSignedInSessions()) {
			builder.down().withDetail("error", "The revocation store has not confirmed the revocations within "
					+ "app.session.revocation.max-staleness (" + revocations.getMaxStaleness().toMillis()
					+ " ms): signed-in sessions answer 503");
		}
	}

}
