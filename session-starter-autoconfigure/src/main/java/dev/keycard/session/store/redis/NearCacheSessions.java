package dev.keycard.session.store.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The sessions a {@link RedisNearCache} holds, and the rule that decides whether an answer from
 * Redis may be cached: each read or write takes a pending token for its key before it is sent;
 * an invalidation, a later read or write of the key, a flush or a lost connection takes it away;
 * and the answer is installed only if its token is still there, checked and installed in one
 * atomic step on the key ({@code compute}), so that no thread, whichever it runs on, installs an
 * answer older than an invalidation it has already been told of.
 */
final class NearCacheSessions {

	private final Cache<String, Map<String, String>> sessions;

	/** Per key, the one operation whose answer may still be cached. */
	private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();

	/** Moves on every flush and lost connection: an answer from an older generation is never cached. */
	private final AtomicLong generation = new AtomicLong();

	NearCacheSessions(int maxSessions, Duration timeToLive) {
		this.sessions = Caffeine.newBuilder()
			.maximumSize(maxSessions)
			.expireAfterWrite(timeToLive)
			// Upkeep on the calling thread: handing it to the common pool woke another thread on
			// every write, which cost more than the upkeep (as in the memory store).
			.executor(Runnable::run)
			.build();
	}

	@Nullable Map<String, String> get(String redisKey) {
		return this.sessions.getIfPresent(redisKey);
	}

	long size() {
		return this.sessions.estimatedSize();
	}

	/**
	 * Return a token of the current generation, to be taken before the connection is known to
	 * track: a connection lost after that check then shows as a newer generation.
	 */
	Pending newPending() {
		return new Pending(this.generation.get());
	}

	/** A read is about to be sent: it takes the key's chance to be cached from any earlier one. */
	void beginRead(String redisKey, Pending token) {
		this.pending.put(redisKey, token);
	}

	/** A read was answered (or failed, with no fields): cache its answer if nothing came between. */
	void endRead(String redisKey, Pending token, Map<String, String> fields) {
		this.sessions.asMap().compute(redisKey, (key, cached) -> {
			boolean current = this.pending.remove(key, token) && token.generation == this.generation.get();
			return (current && !fields.isEmpty()) ? fields : cached;
		});
		forgetIfOlder(redisKey, token);
	}

	/** A write of this instance is about to be sent: the cached session is dropped at once. */
	Pending beginWrite(String redisKey) {
		Pending token = newPending();
		this.sessions.asMap().compute(redisKey, (key, cached) -> {
			this.pending.put(key, token);
			return null;
		});
		return token;
	}

	/**
	 * A write of this instance was answered: cache what was read back right behind it if nothing
	 * came between, else nothing.
	 * @param written the session read back, or {@code null} if the write failed or there is none
	 */
	void endWrite(String redisKey, Pending token, @Nullable Map<String, String> written) {
		this.sessions.asMap().compute(redisKey, (key, cached) -> {
			boolean current = this.pending.remove(key, token) && token.generation == this.generation.get();
			// A read that started during this write may have read the state before it, and NOLOOP
			// means no invalidation will tell: it must not be cached.
			this.pending.remove(key);
			return (current && written != null && !written.isEmpty()) ? written : null;
		});
		forgetIfOlder(redisKey, token);
	}

	/** Redis said the key changed. */
	void invalidate(String redisKey) {
		this.sessions.asMap().compute(redisKey, (key, cached) -> {
			this.pending.remove(key);
			return null;
		});
	}

	/** A flush or a lost connection: whatever was cached or under way may be stale. */
	void invalidateAll() {
		this.generation.incrementAndGet();
		this.pending.clear();
		this.sessions.invalidateAll();
	}

	/** Closes the race with {@link #invalidateAll()}, which moves the generation before it clears. */
	private void forgetIfOlder(String redisKey, Pending token) {
		if (token.generation != this.generation.get()) {
			this.sessions.invalidate(redisKey);
		}
	}

	/** An operation's claim on a key: compared by identity. */
	static final class Pending {

		private final long generation;

		private Pending(long generation) {
			this.generation = generation;
		}

	}

}
