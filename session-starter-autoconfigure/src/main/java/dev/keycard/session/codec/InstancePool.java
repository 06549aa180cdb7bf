package dev.keycard.session.codec;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Instances of a type that is not thread-safe and costs more to create than to use (a
 * {@code Mac}, a {@code MessageDigest}, a {@code Cipher}), lent to one caller at a time on
 * whatever thread it runs: one per platform thread, kept by the thread (the cheapest), and a
 * shared pool for virtual threads, where a {@code ThreadLocal} would create an instance for
 * every request, each request running on a thread of its own.
 *
 * <p>An instance is given back only after a use that left it ready for the next one; one whose
 * use failed half-way is dropped.
 *
 * @param <T> the type of the instances
 */
final class InstancePool<T> {

	/** Idle instances kept at most: past the peak of concurrent uses, extras are dropped. */
	private static final int MAX_IDLE = 64;

	private final Supplier<T> factory;

	private final ThreadLocal<T> perPlatformThread;

	private final Queue<T> idle = new ConcurrentLinkedQueue<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	private final AtomicInteger created = new AtomicInteger();

	InstancePool(Supplier<T> factory) {
		this.factory = factory;
		this.perPlatformThread = ThreadLocal.withInitial(this::create);
	}

	/** Return an instance ready for use, idle or new. */
	T borrow() {
		if (!VirtualThreads.isCurrent()) {
			return this.perPlatformThread.get();
		}
		T instance = this.idle.poll();
		if (instance != null) {
			this.idleCount.decrementAndGet();
			return instance;
		}
		return create();
	}

	/** Take back an instance that is ready for its next use. */
	void giveBack(T instance) {
		if (!VirtualThreads.isCurrent()) {
			// The thread keeps it.
			return;
		}
		if (this.idleCount.incrementAndGet() <= MAX_IDLE) {
			this.idle.offer(instance);
		}
		else {
			this.idleCount.decrementAndGet();
		}
	}

	private T create() {
		this.created.incrementAndGet();
		return this.factory.get();
	}

	/** How many instances this pool has created, for tests that show reuse. */
	int created() {
		return this.created.get();
	}

}
