package dev.keycard.session.store.redis;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.testsupport.PrivateRedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSessionStore} while Redis is down: every call fails fast with
 * {@link SessionStoreUnavailableException}, and the same store works again once Redis is back.
 * Runs a {@code redis-server} of its own, which it kills and restarts.
 */
class RedisOutageTests {

	/** Far above the command timeout; a call still running then would hang requests. */
	private static final Duration FAILURE_BOUND = Duration.ofSeconds(5);

	private final PrivateRedisServer server = PrivateRedisServer.inMemory();

	private final LettuceConnectionFactory connectionFactory = connectionFactory(this.server.port());

	private final RedisSessionStore store = new RedisSessionStore(this.connectionFactory, "keycard-test:");

	@BeforeEach
	void startRedis() {
		this.server.start();
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
	}

	@AfterEach
	void stopRedis() {
		try {
			this.connectionFactory.destroy();
		}
		finally {
			this.server.close();
		}
	}

	@Test
	void whileRedisIsDownEveryCallFailsFastAndTheSameStoreRecoversWhenRedisReturns() {
		String key = newKey();
		assertThat(this.store.save(key, create())).isTrue();
		this.server.stop();
		assertFailsFastAsUnavailable(() -> this.store.load(key));
		assertFailsFastAsUnavailable(() -> this.store.save(key, update()));
		assertFailsFastAsUnavailable(() -> this.store.delete(key));
		this.server.start();
		String after = newKey();
		await("the store working again").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(SessionStoreUnavailableException.class)
			.untilAsserted(() -> {
				assertThat(this.store.save(after, create())).isTrue();
				assertThat(this.store.load(after).attributes()).containsEntry("user", "\"gordon\"");
			});
	}

	@Test
	void saveInFlightWhenRedisCrashesFailsFastAsUnavailable() throws IOException {
		assertSaveInFlightWhenRedisCrashesFailsFastAsUnavailable(this.store);
	}

	@Test
	void clientThatDoesNotReconnectReportsTheLostConnectionAsUnavailable() throws IOException {
		LettuceConnectionFactory noReconnect = connectionFactory(this.server.port(),
				ClientOptions.builder().autoReconnect(false).build());
		noReconnect.afterPropertiesSet();
		noReconnect.start();
		try {
			RedisSessionStore noReconnectStore = new RedisSessionStore(noReconnect, "keycard-test:");
			assertSaveInFlightWhenRedisCrashesFailsFastAsUnavailable(noReconnectStore);
			assertFailsFastAsUnavailable(() -> noReconnectStore.load(newKey()));
		}
		finally {
			noReconnect.destroy();
		}
	}

	@Test
	void redisThatIsNotRunningAtFirstUseIsUnavailable() {
		PrivateRedisServer neverStarted = PrivateRedisServer.inMemory();
		LettuceConnectionFactory unreachable = connectionFactory(neverStarted.port());
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			RedisSessionStore unreachableStore = new RedisSessionStore(unreachable, "keycard-test:");
			assertFailsFastAsUnavailable(() -> unreachableStore.load(newKey()), neverStarted.port());
		}
		finally {
			unreachable.destroy();
		}
	}

	@Test
	void replicaThatRefusesWritesDuringAFailoverIsUnavailableAndTheStoreRecoversWhenItIsPromoted()
			throws IOException {
		String key = newKey();
		assertThat(this.store.save(key, create())).isTrue();
		// A replica of a master that is not there answers every write with READONLY, as a
		// replica does between a failover and its promotion.
		assertThat(this.server.call("REPLICAOF", "127.0.0.1", "1")).isEqualTo("+OK");
		try {
			assertThatExceptionOfType(SessionStoreUnavailableException.class)
				.isThrownBy(() -> this.store.save(key, update()))
				.withMessageContaining("READONLY");
		}
		finally {
			assertThat(this.server.call("REPLICAOF", "NO", "ONE")).isEqualTo("+OK");
		}
		assertThat(this.store.save(key, update())).isTrue();
		assertThat(this.store.load(key).attributes()).containsEntry("user", "\"gordon\"")
			.containsEntry("theme", "\"dark\"");
	}

	@Test
	void saveLoadsTheScriptAgainWhenRedisHasForgottenItAtTheCostOfOneRoundTrip() throws IOException {
		String key = newKey();
		assertThat(this.store.save(key, create())).isTrue();
		assertThat(this.server.call("SCRIPT", "FLUSH")).isEqualTo("+OK");
		assertThat(RedisCommandMonitor.commandsOf(this.connectionFactory,
				() -> assertThat(this.store.save(key, update())).isTrue()))
			.containsExactly("evalsha", "eval");
		assertThat(RedisCommandMonitor.commandsOf(this.connectionFactory,
				() -> assertThat(this.store.save(key, update())).isTrue()))
			.containsExactly("evalsha");
		assertThat(this.store.load(key).attributes()).containsEntry("theme", "\"dark\"");
	}

	private void assertSaveInFlightWhenRedisCrashesFailsFastAsUnavailable(RedisSessionStore store) throws IOException {
		String key = newKey();
		assertThat(store.save(key, create())).isTrue();
		// Holds back the next script on the server, so that the crash cuts it off in flight
		this.server.call("CLIENT", "PAUSE", "30000", "WRITE");
		long start = System.nanoTime();
		CompletableFuture<Boolean> save = CompletableFuture.supplyAsync(() -> store.save(key, update()));
		await("the save held by Redis").atMost(Duration.ofSeconds(10))
			.until(() -> this.server.call("INFO", "clients").contains("blocked_clients:1"));
		this.server.stop();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> save.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(SessionStoreUnavailableException.class)
			.withMessageStartingWith("Redis session store at 127.0.0.1:" + this.server.port() + " could not be reached: ");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILURE_BOUND);
	}

	private void assertFailsFastAsUnavailable(ThrowingCallable call) {
		assertFailsFastAsUnavailable(call, this.server.port());
	}

	private static void assertFailsFastAsUnavailable(ThrowingCallable call, int port) {
		long start = System.nanoTime();
		Throwable thrown = catchThrowable(call);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(thrown).isInstanceOf(SessionStoreUnavailableException.class)
			.hasMessageStartingWith("Redis session store at 127.0.0.1:" + port + " could not be reached: ");
		assertThat(took).isLessThan(FAILURE_BOUND);
	}

	private static LettuceConnectionFactory connectionFactory(int port) {
		return connectionFactory(port, ClientOptions.create());
	}

	private static LettuceConnectionFactory connectionFactory(int port, ClientOptions options) {
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).clientOptions(options).build());
	}

	private static String newKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
	}

	private static SessionChanges create() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(true, Map.of("user", "\"gordon\""), Set.of(), now, now.plus(Duration.ofHours(1)));
	}

	private static SessionChanges update() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(false, Map.of("theme", "\"dark\""), Set.of(), now, now.plus(Duration.ofHours(1)));
	}

}
