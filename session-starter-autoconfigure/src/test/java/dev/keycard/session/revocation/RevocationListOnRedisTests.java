package dev.keycard.session.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.store.redis.RedisRevocationStore;

import static org.awaitility.Awaitility.await;

/**
 * Revocation lists sharing the real Redis at 127.0.0.1:6379, with changes pushed by pub/sub.
 */
class RevocationListOnRedisTests extends AbstractRevocationListTests {

	private static LettuceConnectionFactory connectionFactory;

	private static LettuceConnectionFactory nowhere;

	private final String prefix = "keycard-test-revocation:" + UUID.randomUUID() + ":";

	@BeforeAll
	static void connect() {
		connectionFactory = started(new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379)));
		// A port nothing listens on, answering within the test's patience.
		nowhere = started(new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(200)).build()));
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
		nowhere.destroy();
	}

	@AfterEach
	void removeKeys() {
		emptyTheStore();
	}

	@Test
	void aRevocationIsPushedToAnotherInstanceLongBeforeItsVersionCheck() throws Exception {
		Duration slowChecks = Duration.ofMinutes(1);
		try (RevocationList here = new RevocationList(store(), slowChecks, RevocationFailMode.CLOSED, IDLE_TIMEOUT,
				Clock.systemUTC());
				RevocationList there = new RevocationList(store(), slowChecks, RevocationFailMode.CLOSED, IDLE_TIMEOUT,
						Clock.systemUTC())) {
			here.start();
			there.start();
			await("both confirmed").atMost(Duration.ofSeconds(10))
				.until(() -> here.sinceConfirmed() != null && there.sinceConfirmed() != null);

			here.revokeSessionsOf("gordon", null, null);

			// Version checks come every 15 s here: only the push can be this quick.
			await("pushed").atMost(Duration.ofSeconds(2))
				.until(() -> there.isRevoked("gordon", "phone-session", Instant.parse("2026-12-01T10:00:00Z")));
		}
	}

	@Override
	RevocationStore store() {
		return new RedisRevocationStore(connectionFactory, this.prefix, Clock.systemUTC());
	}

	@Override
	RevocationStore unreachableStore() {
		return new RedisRevocationStore(nowhere, this.prefix, Clock.systemUTC());
	}

	@Override
	void emptyTheStore() {
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		redis.delete(List.of(this.prefix + "{all}:principals", this.prefix + "{all}:sessions",
				this.prefix + "{all}:version", this.prefix + "{all}:chain", this.prefix + "issued:" + PrincipalKey.of("gordon")));
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}