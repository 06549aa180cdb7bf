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
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.web.SessionStorage;

/**
 * The health of where sessions are kept. A server-side store is up when it answers a load
 * within a bounded time, the same call a request makes, so that it fails exactly when
 * requests would answer 503; sessions kept in their cookie are always up. Details: the store,
 * the mode, and for a store how long it took to answer; never a key, a secret or a session.
 */
public final class SessionStoreHealthIndicator extends AbstractHealthIndicator {

	/** A key no session has: the hash of 32 zero bytes, in the format of every store key. */
	private static final String PROBE_KEY = SessionIdCodec.storeKey(new byte[SessionIdCodec.ID_LENGTH]);

	private final SessionStorage storage;

	private final @Nullable SessionStore store;

	private final Duration timeout;

	private final Executor executor;

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

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("store", this.storage.store()).withDetail("mode", this.storage.mode());
		SessionStore store = this.store;
		if (store == null) {
			builder.up().withDetail("serverState", "none: every session is in its cookie");
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

}
