package dev.keycard.session.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.testsupport.MutableClock;
import dev.keycard.session.testsupport.PrivateRedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisNearCache}: what its cache guarantees, with two instances (two stores,
 * each with its own connection factory and tracking connection) on the Redis server on
 * 127.0.0.1:6379. Every key this class writes starts with a prefix of its own.
 */
class RedisNearCacheTests {

	/** How soon another instance's write must reach a cached instance. */
	private static final Duration BOUND = Duration.ofSeconds(1);

	/**
	 * How soon an instance whose tracking connection was killed reads a write made meanwhile:
	 * Lettuce's reconnect (57 to 424 ms measured here) comes first.
	 */
	private static final Duration RECONNECT_BOUND = Duration.ofSeconds(5);

	private final String prefix = "keycard-test:near-cache:" + UUID.randomUUID() + ":";

	private final List<AutoCloseable> opened = new ArrayList<>();

	private LettuceConnectionFactory plainFactory;

	private StringRedisTemplate redis;

	private Instance first;

	private Instance second;

	@BeforeEach
	void startTwoInstances() {
		this.plainFactory = factory();
		this.redis = new StringRedisTemplate(this.plainFactory);
		this.first = instance(Clock.systemUTC());
		this.second = instance(Clock.systemUTC());
	}

	@AfterEach
	void removeKeysAndDisconnect() throws Exception {
		try {
			List<String> keys = new ArrayList<>();
			try (Cursor<String> cursor = this.redis
				.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(1_000).build())) {
				cursor.forEachRemaining(keys::add);
			}
			if (!keys.isEmpty()) {
				this.redis.unlink(keys);
			}
		}
		finally {
			for (int i = this.opened.size() - 1; i >= 0; i--) {
				this.opened.get(i).close();
			}
		}
	}

	@Test
	void cachedReadAsksRedisNothingAndOwnWriteLeavesTheSessionCached() {
		String key = newKey();
		// Saved on the tracking connection and read back in the same round trip: cached at once.
		this.first.store.save(key, create(Map.of("visits", "1")));
		assertThat(this.first.store.load(key).attributes()).containsEntry("visits", "1");
		this.first.store.save(key, update(Map.of("visits", "2"), Set.of()));
		assertThat(this.first.store.load(key).attributes()).containsEntry("visits", "2");
		assertThat(this.first.nearCache.misses()).isZero();
		assertThat(this.first.nearCache.hits()).isEqualTo(2);
		assertThat(this.second.store.load(key).attributes()).containsEntry("visits", "2");
		assertThat(this.second.nearCache.misses()).isOne();
	}

	@Test
	void writeOfAnotherInstanceReachesACachedInstanceWithinTheBound() {
		String key = newKey();
		this.first.store.save(key, create(Map.of("colour", "\"red\"")));
		assertThat(this.second.store.load(key).attributes()).containsEntry("colour", "\"red\"");
		assertThat(this.second.nearCache.cached(this.prefix + key)).isNotNull();
		long start = System.nanoTime();
		this.first.store.save(key, update(Map.of("colour", "\"blue\""), Set.of()));
		Duration delay = awaitWithin(BOUND,
				() -> "\"blue\"".equals(this.second.store.load(key).attributes().get("colour")));
		System.out.println("Near cache: another instance's write reached the cached instance in "
				+ Duration.ofNanos(System.nanoTime() - start).toNanos() / 1_000 + " us after the save was sent, "
				+ delay.toNanos() / 1_000 + " us after it returned");
	}

	@Test
	void writeOfAnotherInstanceReachesAnInstanceThatCachedItsOwnWrite() {
		String key = newKey();
		this.first.store.save(key, create(Map.of("colour", "\"red\"")));
		// Redis stops tracking a key for a client once the key changes, even a change of that client
		// with NOLOOP: only the read sent behind the save makes it track the key again.
		this.second.store.save(key, update(Map.of("colour", "\"green\""), Set.of()));
		assertThat(this.second.nearCache.cached(this.prefix + key)).isNotNull();
		this.first.store.save(key, update(Map.of("colour", "\"blue\""), Set.of()));
		awaitWithin(BOUND, () -> "\"blue\"".equals(this.second.store.load(key).attributes().get("colour")));
	}

	@Test
	void flushOfRedisEmptiesTheCache() throws Exception {
		try (PrivateRedisServer server = PrivateRedisServer.inMemory()) {
			server.start();
			Instance instance = instance(Clock.systemUTC(), factory(server.port()));
			String key = newKey();
			// A new server knows no script: this save is sent again the usual way, uncached, and
			// its invalidation may still take the first read's chance to be cached.
			instance.store.save(key, create(Map.of("a", "1")));
			awaitWithin(BOUND, () -> instance.store.load(key) != null
					&& instance.nearCache.cached(this.prefix + key) != null);
			assertThat(server.call("FLUSHALL")).isEqualTo("+OK");
			awaitWithin(BOUND, () -> instance.nearCache.size() == 0);
			assertThat(instance.store.load(key)).isNull();
		}
	}

	@Test
	void twoInstancesChangingDifferentAttributesOfOneSessionBothSurvive() {
		String key = newKey();
		this.first.store.save(key, create(Map.of("a", "0", "b", "0")));
		this.first.store.load(key);
		this.second.store.load(key);
		this.first.store.save(key, update(Map.of("a", "1"), Set.of()));
		this.second.store.save(key, update(Map.of("b", "1"), Set.of()));
		Map<String, String> expected = Map.of("a", "1", "b", "1");
		assertThat(attributesInRedis(key)).isEqualTo(expected);
		awaitWithin(BOUND, () -> expected.equals(this.first.store.load(key).attributes())
				&& expected.equals(this.second.store.load(key).attributes()));
	}

	@Test
	void concurrentIncrementsThroughTwoCachedStoresLeaveNoCacheBehindRedis() throws Exception {
		String key = newKey();
		this.first.store.save(key, create(Map.of("shared", "0")));
		int threadsPerInstance = 4;
		int increments = 100;
		ExecutorService executor = Executors.newFixedThreadPool(2 * threadsPerInstance);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < 2 * threadsPerInstance; thread++) {
				Instance instance = (thread % 2 == 0) ? this.first : this.second;
				String counter = "counter-" + thread;
				done.add(executor.submit(() -> {
					for (int i = 0; i < increments; i++) {
						SessionRecord record = instance.store.load(key);
						int seen = Integer.parseInt(record.attributes().getOrDefault(counter, "0"));
						int shared = Integer.parseInt(record.attributes().get("shared"));
						instance.store.save(key, update(Map.of(counter, Integer.toString(seen + 1), "shared",
								Integer.toString(shared + 1)), Set.of()));
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, String> inRedis = attributesInRedis(key);
		for (int thread = 0; thread < 2 * threadsPerInstance; thread++) {
			// Each thread's own counter is written by it alone: it reads its own last write back.
			assertThat(inRedis).containsEntry("counter-" + thread, Integer.toString(increments));
		}
		awaitWithin(BOUND, () -> inRedis.equals(this.first.store.load(key).attributes())
				&& inRedis.equals(this.second.store.load(key).attributes()));
		assertThat(this.first.nearCache.hits() + this.second.nearCache.hits()).isPositive();
	}

	@Test
	void lostConnectionEmptiesTheCacheAndTrackingIsSwitchedOnAgainBeforeAnythingIsCached() {
		String key = newKey();
		this.first.store.save(key, create(Map.of("colour", "\"red\"")));
		this.second.store.load(key);
		assertThat(this.second.nearCache.cached(this.prefix + key)).isNotNull();
		killTrackingConnectionOf(this.second);
		// Written while the tracking connection is down: its invalidation is lost with it.
		this.first.store.save(key, update(Map.of("colour", "\"green\""), Set.of()));
		Duration delay = awaitWithin(RECONNECT_BOUND,
				() -> "\"green\"".equals(this.second.store.load(key).attributes().get("colour")));
		System.out.println("Near cache: after CLIENT KILL, the cached instance read the new value in "
				+ delay.toNanos() / 1_000 + " us");
		// Cached again, and tracked again: the next write of another instance reaches it too.
		awaitWithin(RECONNECT_BOUND, () -> {
			this.second.store.load(key);
			return this.second.nearCache.isTracking() && this.second.nearCache.cached(this.prefix + key) != null;
		});
		this.first.store.save(key, update(Map.of("colour", "\"blue\""), Set.of()));
		awaitWithin(BOUND, () -> "\"blue\"".equals(this.second.store.load(key).attributes().get("colour")));
	}

	@Test
	void cachedSessionPastItsExpiryLoadsAsMissing() {
		MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		Instance instance = instance(clock);
		String key = newKey();
		instance.store.save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), clock.instant(),
				clock.instant().plus(Duration.ofMinutes(10))));
		assertThat(instance.store.load(key)).isNotNull();
		assertThat(instance.nearCache.cached(this.prefix + key)).isNotNull();
		clock.advance(Duration.ofMinutes(11));
		assertThat(instance.store.load(key)).isNull();
	}

	@Test
	void deleteRemovesTheSessionFromThisInstanceAtOnceAndFromOthersWithinTheBound() {
		String key = newKey();
		this.first.store.save(key, create(Map.of("a", "1")));
		this.first.store.load(key);
		this.second.store.load(key);
		this.first.store.delete(key);
		assertThat(this.first.nearCache.cached(this.prefix + key)).isNull();
		assertThat(this.first.store.load(key)).isNull();
		awaitWithin(BOUND, () -> this.second.store.load(key) == null);
	}

	@Test
	void redisClusterIsRefused() {
		LettuceConnectionFactory cluster = new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of("127.0.0.1:6379")));
		cluster.afterPropertiesSet();
		cluster.start();
		this.opened.add(cluster::destroy);
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisNearCache.connect(cluster, 10, Duration.ofSeconds(60)))
			.withMessageContaining("standalone or Sentinel Redis, not Redis Cluster");
	}

	/** Kill an instance's tracking connection, found in {@code CLIENT LIST} by its id and flag. */
	private void killTrackingConnectionOf(Instance instance) {
		List<RedisClientInfo> tracking = trackingClients();
		List<RedisClientInfo> ours = tracking.stream()
			.filter((client) -> client.get("id").equals(Long.toString(instance.connectionId())))
			.toList();
		assertThat(ours).hasSize(1);
		String[] address = ours.get(0).getAddressPort().split(":");
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().killClient(address[0], Integer.parseInt(address[1]));
			return null;
		});
		assertThat(trackingClients()).noneMatch((client) -> client.get("id").equals(ours.get(0).get("id")));
	}

	private List<RedisClientInfo> trackingClients() {
		List<RedisClientInfo> clients = this.redis
			.execute((RedisCallback<List<RedisClientInfo>>) (connection) -> connection.serverCommands().getClientList());
		return clients.stream().filter((client) -> client.get("flags") != null && client.get("flags").contains("t"))
			.toList();
	}

	private Map<String, String> attributesInRedis(String key) {
		Map<String, String> attributes = new LinkedHashMap<>();
		this.redis.<String, String>opsForHash().entries(this.prefix + key).forEach((field, value) -> {
			if (field.startsWith("=")) {
				attributes.put(field.substring(1), value);
			}
		});
		return attributes;
	}

	/** Wait until a condition holds, failing past a bound; returns how long it took. */
	private static Duration awaitWithin(Duration bound, BooleanSupplier condition) {
		long start = System.nanoTime();
		while (!condition.getAsBoolean()) {
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).as("time until the condition held").isLessThanOrEqualTo(bound);
			LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private Instance instance(Clock clock) {
		return instance(clock, factory());
	}

	private Instance instance(Clock clock, LettuceConnectionFactory factory) {
		RedisNearCache nearCache = RedisNearCache.connect(factory, 1_000, Duration.ofSeconds(60));
		this.opened.add(nearCache);
		return new Instance(new RedisSessionStore(factory, this.prefix, clock, nearCache), nearCache);
	}

	private LettuceConnectionFactory factory() {
		return factory(6379);
	}

	private LettuceConnectionFactory factory(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		this.opened.add(factory::destroy);
		return factory;
	}

	private static String newKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
	}

	private static SessionChanges create(Map<String, String> attributes) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(true, attributes, Set.of(), now, now.plus(Duration.ofHours(1)));
	}

	private static SessionChanges update(Map<String, String> updated, Set<String> removed) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(false, updated, removed, now, now.plus(Duration.ofHours(1)));
	}

	private record Instance(RedisSessionStore store, RedisNearCache nearCache) {

		long connectionId() {
			return this.nearCache.connectionId();
		}

	}

}
