package dev.keycard.session.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * A copy of recently read sessions in this instance's memory, kept fresh by Redis itself
 * (server-assisted client-side caching): reads and writes of the {@link RedisSessionStore} go
 * through a connection of its own with {@code CLIENT TRACKING ON NOLOOP}, and Redis pushes an
 * invalidation on that connection as soon as another client changes a session it has read.
 * A cached read costs no round trip; a write still costs one (the save, with a re-read of the
 * session sent right behind it).
 *
 * <p>What is cached is only ever what Redis answered on the tracking connection, installed only
 * if nothing about its key happened between sending the command and installing the answer
 * ({@code NearCacheSessions} holds that rule). A lost connection may have lost invalidations:
 * it empties the cache, and nothing is cached again until tracking has been switched on again
 * on the new connection (Lettuce does not restore it on reconnect). Every entry is dropped after
 * a time to live anyway, as a safety net.
 *
 * <p>Needs Lettuce, Redis 6 or later speaking RESP3, and a standalone or Sentinel Redis:
 * tracking is per node, and a Cluster connection is refused.
 */
public final class RedisNearCache implements AutoCloseable {

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final Duration timeout;

	private final NearCacheSessions sessions;

	/** Moves on every disconnect: tracking is on only if it was switched on in this one. */
	private final AtomicLong connectionEpoch = new AtomicLong();

	private volatile long trackingEpoch = -1;

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private RedisNearCache(StatefulRedisConnection<byte[], byte[]> connection, Duration timeout, int maxSessions,
			Duration timeToLive) {
		this.connection = connection;
		this.timeout = timeout;
		this.sessions = new NearCacheSessions(maxSessions, timeToLive);
		connection.addListener(this::onPushMessage);
		connection.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> disconnected) {
				RedisNearCache.this.connectionEpoch.incrementAndGet();
				RedisNearCache.this.sessions.invalidateAll();
			}

		});
	}

	/**
	 * Open the tracking connection and switch tracking on.
	 * @param connectionFactory Spring Data's Lettuce factory, started
	 * @param maxSessions how many sessions are cached at most
	 * @param timeToLive how long after it was read a cached session is dropped, even if no
	 * invalidation came
	 * @return the near cache, to be closed when the application stops
	 * @throws IllegalStateException if the connection is not a Lettuce standalone or Sentinel
	 * connection, or Redis does not speak RESP3 or does not support tracking
	 */
	public static RedisNearCache connect(RedisConnectionFactory connectionFactory, int maxSessions,
			Duration timeToLive) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(maxSessions > 0, "maxSessions must be positive");
		Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "timeToLive must be positive");
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			throw new IllegalStateException("The Redis near cache needs Lettuce, but the Redis connection is "
					+ connectionFactory.getClass().getSimpleName());
		}
		if (!(lettuce.getNativeClient() instanceof RedisClient client)) {
			throw new IllegalStateException("The Redis near cache needs a standalone or Sentinel Redis, not Redis "
					+ "Cluster: Redis tracks what a client read per node");
		}
		StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
		try {
			if (connection instanceof StatefulRedisConnectionImpl<?, ?> impl
					&& impl.getConnectionState().getNegotiatedProtocolVersion() != ProtocolVersion.RESP3) {
				throw new IllegalStateException("The Redis near cache needs Redis 6 or later speaking RESP3, but the "
						+ "connection speaks " + impl.getConnectionState().getNegotiatedProtocolVersion()
						+ " (Redis " + impl.getConnectionState().getRedisVersion() + ")");
			}
			RedisNearCache nearCache = new RedisNearCache(connection, lettuce.getClientConfiguration().getCommandTimeout(),
					maxSessions, timeToLive);
			nearCache.ensureTracking();
			return nearCache;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Return the fields of a cached session, or {@code null} if it is not cached.
	 */
	@Nullable Map<String, String> cached(String redisKey) {
		Map<String, String> fields = this.sessions.get(redisKey);
		if (fields != null) {
			this.hits.increment();
		}
		else {
			this.misses.increment();
		}
		return fields;
	}

	/**
	 * Read a session on the tracking connection, so that Redis tracks it, and cache what was read
	 * if nothing happened to its key meanwhile.
	 * @return the session's fields, empty if there is none
	 */
	Map<String, String> read(String redisKey) {
		// The generation is taken before tracking is checked: a disconnect after the check then
		// always shows as a newer generation when the answer is installed.
		NearCacheSessions.Pending token = this.sessions.newPending();
		ensureTracking();
		this.sessions.beginRead(redisKey, token);
		Map<String, String> fields = Map.of();
		try {
			fields = RedisSessionStore.strings(await(this.connection.async().hgetall(bytes(redisKey))));
			return fields;
		}
		finally {
			this.sessions.endRead(redisKey, token, fields);
		}
	}

	/**
	 * Run scripts on the tracking connection, the first of them on the session's key, with a
	 * re-read of the session sent right behind them in the same round trip, and cache what was
	 * re-read if nothing happened to its key meanwhile.
	 * @param redisKey the session's key
	 * @param scripts the scripts, the first one the save
	 * @param keysAndArguments each script's one key, then its arguments
	 * @return what the first script returned
	 */
	@Nullable Long write(String redisKey, List<RedisLuaScript> scripts, List<byte[][]> keysAndArguments) {
		NearCacheSessions.Pending token = this.sessions.beginWrite(redisKey);
		Map<String, String> written = null;
		try {
			ensureTracking();
			RedisAsyncCommands<byte[], byte[]> commands = this.connection.async();
			List<RedisFuture<Long>> results = new ArrayList<>(scripts.size());
			for (int i = 0; i < scripts.size(); i++) {
				byte[][] keyAndArguments = keysAndArguments.get(i);
				results.add(commands.evalsha(scripts.get(i).sha1(), ScriptOutputType.INTEGER,
						new byte[][] { keyAndArguments[0] },
						Arrays.copyOfRange(keyAndArguments, 1, keyAndArguments.length)));
			}
			// Read after the write, not base plus changes: Redis forgets that a client read a key
			// once the key changes, even with NOLOOP, and this read is what makes it track it again.
			RedisFuture<Map<byte[], byte[]>> reread = commands.hgetall(bytes(redisKey));
			Long saved = null;
			for (int i = 0; i < results.size(); i++) {
				Long result = await(results.get(i));
				saved = (i == 0) ? result : saved;
			}
			Map<String, String> fields = RedisSessionStore.strings(await(reread));
			written = (saved != null && saved == 1L) ? fields : null;
			return saved;
		}
		finally {
			this.sessions.endWrite(redisKey, token, written);
		}
	}

	/**
	 * Remove a session from the cache at once, around a change sent on another connection (a
	 * delete, or a save Redis had no script for), so that this instance reads its own change
	 * without waiting for the invalidation.
	 * @param redisKey the session's key
	 * @param change the change
	 * @return what the change returned
	 */
	<T> T forgetAround(String redisKey, Supplier<T> change) {
		NearCacheSessions.Pending token = this.sessions.beginWrite(redisKey);
		try {
			return change.get();
		}
		finally {
			this.sessions.endWrite(redisKey, token, null);
		}
	}

	/** Whether Redis is known to track this instance's reads on the current connection. */
	public boolean isTracking() {
		return this.trackingEpoch == this.connectionEpoch.get();
	}

	/** How many sessions are cached now (an estimate). */
	public long size() {
		return this.sessions.size();
	}

	/** How many loads were served from the cache. */
	public long hits() {
		return this.hits.sum();
	}

	/** How many loads had to ask Redis. */
	public long misses() {
		return this.misses.sum();
	}

	/** The id Redis gave the tracking connection, as {@code CLIENT LIST} shows it. */
	long connectionId() {
		return await(this.connection.async().clientId());
	}

	private void ensureTracking() {
		if (isTracking()) {
			return;
		}
		synchronized (this) {
			long epoch = this.connectionEpoch.get();
			if (this.trackingEpoch == epoch) {
				return;
			}
			await(this.connection.async().clientTracking(new TrackingArgs().enabled(true).noloop()));
			// A disconnect while the command was under way moved the epoch: tracking stays off
			// until the next call switches it on on the new connection.
			this.trackingEpoch = epoch;
		}
	}

	private void onPushMessage(PushMessage message) {
		if (!"invalidate".equals(message.getType())) {
			return;
		}
		List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
		Object keys = (content.size() > 1) ? content.get(1) : null;
		if (!(keys instanceof List<?> invalidated)) {
			// FLUSHALL or FLUSHDB: Redis forgot everything it tracked.
			this.sessions.invalidateAll();
			return;
		}
		for (Object key : invalidated) {
			this.sessions.invalidate(String.valueOf(key));
		}
	}

	private <T> T await(RedisFuture<T> future) {
		try {
			return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new RedisSystemException("Redis failed a command: " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			// Transient, so that the store answers 503 as for Lettuce's own command timeout.
			throw new QueryTimeoutException("Redis did not answer within " + this.timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisSystemException("Interrupted while waiting for Redis", ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Closes the tracking connection. */
	@Override
	public void close() {
		this.connection.close();
	}

}
