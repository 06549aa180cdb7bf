package dev.keycard.session.store.redis;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link RedisSessionStore}, against the Redis server on 127.0.0.1:6379. Every key
 * this class writes starts with a prefix of its own, removed when the class is done.
 */
class RedisSessionStoreTests extends AbstractSessionStoreTests {

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 6379;

	private static final String PREFIX = "keycard-test:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate redis;

	private static RedisSessionStore store;

	@BeforeAll
	static void connect() {
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, PORT));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		redis = new StringRedisTemplate(connectionFactory);
		store = new RedisSessionStore(connectionFactory, PREFIX);
	}

	@AfterAll
	static void removeKeysAndDisconnect() {
		try {
			List<String> keys = keysStartingWith(PREFIX);
			if (!keys.isEmpty()) {
				redis.unlink(keys);
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

	@Override
	protected SessionStore store() {
		return store;
	}

	@Test
	void recordIsOneHashUnderThePrefixAndTheHashOfTheIdOnly() {
		String prefix = PREFIX + "isolated:" + UUID.randomUUID() + ":";
		RedisSessionStore isolated = new RedisSessionStore(connectionFactory, prefix);
		byte[] id = new byte[SessionIdCodec.ID_LENGTH];
		new SecureRandom().nextBytes(id);
		String key = SessionIdCodec.storeKey(id);
		isolated.save(key, create(Map.of("user", "\"gordon\"")));
		assertThat(keysStartingWith(prefix)).containsExactly(prefix + key);
		assertThat(redis.type(prefix + key)).isEqualTo(DataType.HASH);
		Map<String, String> fields = redis.<String, String>opsForHash().entries(prefix + key);
		assertThat(fields).containsOnlyKeys("#created", "#expires", "=user").containsEntry("=user", "\"gordon\"");
		String rawId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		assertThat(prefix + key).doesNotContain(rawId);
		assertThat(fields.values()).noneMatch((value) -> value.contains(rawId));
	}

	@Test
	void recordExpiresInRedisWhenTheSessionExpires() {
		String key = newKey();
		store.save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), now(), now().plus(Duration.ofMinutes(30))));
		assertThat(timeToLive(key)).isCloseTo(Duration.ofMinutes(30).toMillis(), within(5_000L));
		store.save(key, new SessionChanges(false, Map.of(), Set.of(), now(), now().plus(Duration.ofHours(2))));
		assertThat(timeToLive(key)).isCloseTo(Duration.ofHours(2).toMillis(), within(5_000L));
	}

	@Test
	void recordPastItsExpiryIsNeitherLoadedNorUpdatedEvenBeforeRedisRemovesIt() {
		String key = newKey();
		store.save(key, create(Map.of("a", "1")));
		RedisSessionStore twoHoursLater = new RedisSessionStore(connectionFactory, PREFIX,
				Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
		assertThat(twoHoursLater.load(key)).isNull();
		assertThat(twoHoursLater.save(key, update(Map.of("a", "2"), Set.of()))).isFalse();
		assertThat(store.load(key).attributes()).containsEntry("a", "1");
	}

	@Test
	void attributeNamesCannotOverwriteTheRecordsTimes() {
		String key = newKey();
		Instant createdAt = now().minus(Duration.ofMinutes(1));
		Instant expiresAt = now().plus(Duration.ofMinutes(10));
		Map<String, String> attributes = Map.of("#expires", "1", "#created", "2", "=", "3", "", "4");
		store.save(key, new SessionChanges(true, attributes, Set.of(), createdAt, expiresAt));
		store.save(key, new SessionChanges(false, Map.of("#expires", "5"), Set.of("#created"), createdAt, expiresAt));
		SessionRecord record = store.load(key);
		assertThat(record.attributes()).isEqualTo(Map.of("#expires", "5", "=", "3", "", "4"));
		assertThat(record.createdAt()).isEqualTo(createdAt);
		assertThat(record.expiresAt()).isEqualTo(expiresAt);
	}

	@Test
	void sessionWithThousandsOfAttributesIsCreatedAndUpdatedInOneCallEach() {
		loadTheScriptIntoRedis();
		String key = newKey();
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < 2_500; i++) {
			attributes.put("attribute" + i, String.valueOf(i));
		}
		assertThat(commandsOf(() -> store.save(key, create(attributes)))).containsExactly("evalsha");
		assertThat(store.load(key).attributes()).isEqualTo(attributes);
		Set<String> removed = new HashSet<>();
		Map<String, String> updated = new LinkedHashMap<>();
		for (int i = 0; i < 2_500; i++) {
			if (i < 1_200) {
				removed.add("attribute" + i);
			}
			else {
				updated.put("attribute" + i, String.valueOf(-i));
			}
		}
		assertThat(commandsOf(() -> store.save(key, update(updated, removed)))).containsExactly("evalsha");
		assertThat(store.load(key).attributes()).isEqualTo(updated);
	}

	@Test
	void loadIsOneHgetall() {
		String key = newKey();
		store.save(key, create(Map.of("a", "1")));
		assertThat(commandsOf(() -> store.load(key))).containsExactly("hgetall");
		assertThat(commandsOf(() -> store.load(newKey()))).containsExactly("hgetall");
	}

	@Test
	void saveIsOneEvalshaOnceRedisHasTheScript() {
		loadTheScriptIntoRedis();
		String key = newKey();
		assertThat(commandsOf(() -> store.save(key, create(Map.of("a", "1", "b", "2"))))).containsExactly("evalsha");
		assertThat(commandsOf(() -> store.save(key, update(Map.of("a", "3"), Set.of("b"))))).containsExactly("evalsha");
		assertThat(commandsOf(() -> store.save(newKey(), update(Map.of("a", "3"), Set.of())))).containsExactly("evalsha");
	}

	@Test
	void aSignedInSaveIsTwoSingleKeyScriptsInOneRoundTrip() {
		loadTheScriptIntoRedis();
		String principal = "lucius-" + UUID.randomUUID();
		store.save(newKey(), signedIn(principal, now().plus(Duration.ofHours(1))));
		assertThat(commandsOf(() -> store.save(newKey(), signedIn(principal, now().plus(Duration.ofHours(1))))))
			.containsExactly("evalsha", "evalsha");
		assertThat(commandsOf(() -> store.findByPrincipal(principal))).containsExactly("zrangebyscore", "hgetall",
				"hgetall");
	}

	@Test
	void listingAndRevokingAUsersSessionsUsesOnlySingleKeyCommands() {
		String principal = "fox-" + UUID.randomUUID();
		List<String> keys = List.of(newKey(), newKey(), newKey());
		List<String> commands = commandsOf(() -> {
			keys.forEach((key) -> store.save(key, signedIn(principal, now().plus(Duration.ofHours(1)))));
			store.findByPrincipal(principal).keySet().forEach(store::delete);
			store.findByPrincipal(principal);
		});
		assertThat(commands).isNotEmpty()
			.allSatisfy((command) -> assertThat(command).isIn("evalsha", "eval", "hgetall", "zrangebyscore", "zrem",
					"unlink"));
		assertThat(store.findByPrincipal(principal)).isEmpty();
	}

	@Test
	void aPrincipalsIndexIsAKeyOfItsOwnThatNamesNobodyAndExpiresWithItsLastSession() {
		String principal = "lucius-" + UUID.randomUUID();
		String indexKey = PREFIX + "principal:" + PrincipalKey.of(principal);
		Instant lastExpiry = now().plus(Duration.ofHours(2));
		String first = newKey();
		store.save(first, signedIn(principal, now().plus(Duration.ofHours(1))));
		store.save(newKey(), signedIn(principal, lastExpiry));

		assertThat(keysStartingWith(PREFIX + "principal:")).contains(indexKey).noneMatch((key) -> key.contains("lucius"));
		assertThat(redis.opsForZSet().size(indexKey)).isEqualTo(2);
		long untilLastExpiry = Duration.between(now(), lastExpiry).toMillis();
		assertThat(redis.getExpire(indexKey, TimeUnit.MILLISECONDS)).as("the index's time to live")
			.isBetween(untilLastExpiry - 5_000, untilLastExpiry + 1_000);
		store.delete(first);
		assertThat(store.findByPrincipal(principal)).hasSize(1);
		assertThat(redis.opsForZSet().size(indexKey)).as("pruned as it is read").isEqualTo(1);
	}

	@Test
	void deleteIsOneUnlink() {
		String key = newKey();
		store.save(key, create(Map.of("a", "1")));
		assertThat(commandsOf(() -> store.delete(key))).containsExactly("unlink");
	}

	@Test
	void keyHoldingSomethingElseFailsAsAnErrorNotAsAnOutage() {
		String key = newKey();
		redis.opsForValue().set(PREFIX + key, "not a session", Duration.ofMinutes(1));
		assertThatExceptionOfType(RedisSystemException.class).isThrownBy(() -> store.load(key))
			.withStackTraceContaining("WRONGTYPE");
		assertThatExceptionOfType(RedisSystemException.class)
			.isThrownBy(() -> store.save(key, update(Map.of("a", "1"), Set.of())))
			.withStackTraceContaining("WRONGTYPE");
		assertThat(redis.opsForValue().get(PREFIX + key)).isEqualTo("not a session");
	}

	@Test
	void hashWithoutTheRecordsTimesFailsWithAnErrorThatNamesTheKeyPrefix() {
		String key = newKey();
		redis.opsForHash().put(PREFIX + key, "name", "someone else's data");
		redis.expire(PREFIX + key, Duration.ofMinutes(1));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> store.load(key))
			.withMessageContaining(PREFIX + key)
			.withMessageContaining("'#expires' is missing")
			.withMessageContaining("app.session.redis.key-prefix");
	}

	/** The first save after Redis lost its script cache costs one more round trip. */
	private void loadTheScriptIntoRedis() {
		store.save(newKey(), create(Map.of("script", "\"loaded\"")));
	}

	private static long timeToLive(String key) {
		return redis.getExpire(PREFIX + key, TimeUnit.MILLISECONDS);
	}

	private static List<String> commandsOf(Runnable operation) {
		return RedisCommandMonitor.commandsOf(connectionFactory, operation);
	}

	private static List<String> keysStartingWith(String prefix) {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1_000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

}
