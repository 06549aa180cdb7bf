package dev.keycard.session.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Several commands sent on Lettuce's shared connection one after the other, then awaited
 * together: one round trip for all of them, on the connection every request already uses.
 * Spring Data's pipelining would take a dedicated connection for each batch instead, which
 * without a pool means a new TCP connection. Its callers load it only when Lettuce is on the
 * class path (its types are in its signatures), as {@code RedisFailureTranslator} does.
 */
final class LettuceBatch {

	private final RedisClusterAsyncCommands<byte[], byte[]> commands;

	private final Duration timeout;

	private LettuceBatch(RedisClusterAsyncCommands<byte[], byte[]> commands, Duration timeout) {
		this.commands = commands;
		this.timeout = timeout;
	}

	/**
	 * Return a batch on a connection, or {@code null} if the connection is not Lettuce's.
	 * @param connection a connection of the factory
	 * @param connectionFactory the factory, for its command timeout
	 */
	static @Nullable LettuceBatch on(RedisConnection connection, RedisConnectionFactory connectionFactory) {
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			return null;
		}
		@SuppressWarnings("unchecked")
		RedisClusterAsyncCommands<byte[], byte[]> commands = (connection
			.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> async)
					? (RedisClusterAsyncCommands<byte[], byte[]>) async : null;
		return (commands != null) ? new LettuceBatch(commands, lettuce.getClientConfiguration().getCommandTimeout())
				: null;
	}

	/**
	 * Run scripts by their digests, each on its one key, and return what each returned.
	 * @param scripts the scripts, each followed in {@code keysAndArguments} by its key and
	 * arguments
	 */
	List<@Nullable Long> evalSha(List<RedisLuaScript> scripts, List<byte[][]> keysAndArguments) {
		List<RedisFuture<Long>> futures = new ArrayList<>(scripts.size());
		for (int i = 0; i < scripts.size(); i++) {
			byte[][] keyAndArguments = keysAndArguments.get(i);
			futures.add(this.commands.evalsha(scripts.get(i).sha1(), ScriptOutputType.INTEGER,
					new byte[][] { keyAndArguments[0] }, Arrays.copyOfRange(keyAndArguments, 1, keyAndArguments.length)));
		}
		return awaitAll(futures);
	}

	/** Read several hashes. */
	List<@Nullable Map<byte[], byte[]>> hgetall(List<byte[]> keys) {
		List<RedisFuture<Map<byte[], byte[]>>> futures = new ArrayList<>(keys.size());
		for (byte[] key : keys) {
			futures.add(this.commands.hgetall(key));
		}
		return awaitAll(futures);
	}

	private <T> List<@Nullable T> awaitAll(List<RedisFuture<T>> futures) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<@Nullable T> results = new ArrayList<>(futures.size());
		try {
			for (RedisFuture<T> future : futures) {
				results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return results;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new RedisSystemException("Redis failed a command: " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new RedisSystemException("Redis did not answer within " + this.timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisSystemException("Interrupted while waiting for Redis", ex);
		}
	}

}
