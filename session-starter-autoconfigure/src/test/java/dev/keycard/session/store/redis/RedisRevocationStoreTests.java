package dev.keycard.session.store.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.PrincipalRevocation;
import dev.keycard.session.revocation.RevocationChange;
import dev.keycard.session.revocation.RevocationVersion;
import dev.keycard.session.store.internal.PrincipalKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis revocation store on the real Redis at 127.0.0.1:6379: what it sends Redis, and the
 * keys it leaves there.
 */
class RedisRevocationStoreTests {

	private static final String PREFIX = "keycard-test-revocation-store:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate redis;

	private static RedisRevocationStore store;

	@BeforeAll
	static void connect() {
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		redis = new StringRedisTemplate(connectionFactory);
		store = new RedisRevocationStore(connectionFactory, PREFIX, Clock.systemUTC());
		// The connection's handshake (HELLO) before anything is watched.
		store.version();
	}

	@AfterAll
	static void removeKeysAndDisconnect() {
		redis.delete(keys());
		connectionFactory.destroy();
	}

	@Test
	void revokingIsOneScriptOnKeysOfOneHashSlotAndNoCommandScansOrConfigures() {
		List<String> commands = new ArrayList<>();
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory,
				() -> store.revoke(PrincipalKey.of("gordon"), new PrincipalRevocation(Instant.now(), "kept", Instant.now()))));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory,
				() -> store.revokeSession("one-session", Instant.now().plusSeconds(60))));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory, () -> store.version()));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory, () -> store.load()));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory, () -> store.record(PrincipalKey.of("gordon"),
				new IssuedSession("desk", Instant.now(), Instant.now(), Instant.now().plusSeconds(60), null, null))));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory,
				() -> store.recorded(PrincipalKey.of("gordon"), Instant.now())));
		commands.addAll(RedisCommandMonitor.commandsOf(connectionFactory,
				() -> store.forget(PrincipalKey.of("gordon"), "desk")));

		assertThat(commands).doesNotContain("keys", "scan", "config", "psubscribe")
			.containsOnly("evalsha", "mget", "hgetall", "zrangebyscore", "hdel");
		List<String> shared = List.of(PREFIX + "{all}:principals", PREFIX + "{all}:sessions", PREFIX + "{all}:version",
				PREFIX + "{all}:chain");
		assertThat(shared).extracting(SlotHash::getSlot).containsOnly(SlotHash.getSlot(shared.get(0)));
	}

	@Test
	void revocationsAreNumberedInOrderAndPublished() {
		RevocationVersion before = store.version();

		RevocationChange first = store.revoke(PrincipalKey.of("bullock"), PrincipalRevocation.allBefore(Instant.now()));
		RevocationChange second = store.revokeSession("session-" + UUID.randomUUID(), Instant.now().plusSeconds(60));

		assertThat(first.previous()).isEqualTo(before);
		assertThat(first.version().number()).isEqualTo(before.number() + 1);
		assertThat(second.previous()).isEqualTo(first.version());
		assertThat(second.version().number()).isEqualTo(before.number() + 2);
		assertThat(second.version().chain()).isNotEqualTo(first.version().chain()).hasSize(40);
		assertThat(store.load().version()).isEqualTo(second.version());
		assertThat(store.version()).isEqualTo(second.version());
		assertThat(store.load().principals()).containsKey(PrincipalKey.of("bullock"));
		assertThat(RedisRevocationStore.changeOf(first.version().number() + " " + first.version().chain() + " "
				+ second.version().number() + " " + second.version().chain() + " s " + second.sessionId() + " "
				+ second.sessionRevokedUntil().toEpochMilli())).isEqualTo(second);
		assertThat(RedisRevocationStore.changeOf("not a change")).isNull();
	}

	@Test
	void keysNameNobodyAndRecordedSessionsExpireWithTheLastOne() {
		Instant expires = Instant.now().plusSeconds(120);
		store.record(PrincipalKey.of("montoya"), new IssuedSession("phone", Instant.now(), Instant.now(), expires,
				"Safari on iOS", null));

		assertThat(keys()).noneMatch((key) -> key.contains("montoya"));
		Long ttl = redis.getExpire(PREFIX + "issued:" + PrincipalKey.of("montoya"));
		assertThat(ttl).isBetween(100L, 120L);
	}

	private static Set<String> keys() {
		Set<String> keys = new HashSet<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(1_000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

}
