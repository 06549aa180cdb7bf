package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.function.SingletonSupplier;

import dev.keycard.session.SessionActivity;

/**
 * Deletes expired sessions of a store that has no expiry of its own (files, SQL rows) at a
 * fixed interval, on one daemon thread, for as long as the application runs. Stores make the
 * deletion safe when several application instances run it at once.
 */
final class ExpiredSessionCleanup implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ExpiredSessionCleanup.class);

	private final String storeName;

	private final IntSupplier deleteExpired;

	private final Duration interval;

	private final Supplier<SessionActivity> activity;

	private volatile @Nullable CleanupRun lastRun;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a cleanup of a store.
	 * @param storeName the store, for the log and the thread's name
	 * @param deleteExpired deletes what has expired and says how much
	 * @param interval the time between two runs
	 * @param property the property the interval comes from, after {@code app.session.}
	 * @param activities what is told how many sessions each run deleted
	 * @return the cleanup
	 */
	static ExpiredSessionCleanup every(String storeName, IntSupplier deleteExpired, Duration interval,
			String property, ObjectProvider<SessionActivity> activities) {
		if (interval.isNegative() || interval.isZero()) {
			throw InvalidSessionConfigurationException.property(property, "is " + interval + ", but it must be positive",
					"Set app.session." + property + " to a duration such as 300 (seconds) or 5m.");
		}
		return new ExpiredSessionCleanup(storeName, deleteExpired, interval,
				SingletonSupplier.of(() -> SessionActivities.of(activities)));
	}

	private ExpiredSessionCleanup(String storeName, IntSupplier deleteExpired, Duration interval,
			Supplier<SessionActivity> activity) {
		this.storeName = storeName;
		this.deleteExpired = deleteExpired;
		this.interval = interval;
		this.activity = activity;
	}

	String storeName() {
		return this.storeName;
	}

	Duration interval() {
		return this.interval;
	}

	/** The last run, or {@code null} before the first. */
	@Nullable CleanupRun lastRun() {
		return this.lastRun;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "keycard-" + this.storeName + "-session-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::cleanUp, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	void cleanUp() {
		Instant start = Instant.now();
		long startNanos = System.nanoTime();
		try {
			int deleted = this.deleteExpired.getAsInt();
			this.lastRun = new CleanupRun(start, deleted, Duration.ofNanos(System.nanoTime() - startNanos), null);
			this.activity.get().expiredSessionsDeleted(deleted);
			if (deleted > 0 && logger.isDebugEnabled()) {
				logger.debug("Deleted " + deleted + " expired sessions from the " + this.storeName + " store");
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again; an outage must not end the schedule.
			this.lastRun = new CleanupRun(start, 0, Duration.ofNanos(System.nanoTime() - startNanos),
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
			logger.warn("Could not delete expired sessions from the " + this.storeName + " store: " + ex.getMessage());
		}
	}

	/**
	 * One run of the cleanup.
	 *
	 * @param startedAt when it started
	 * @param deleted how many expired sessions it deleted
	 * @param took how long it took
	 * @param failure why it failed, or {@code null} if it did not
	 */
	record CleanupRun(Instant startedAt, int deleted, Duration took, @Nullable String failure) {
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
