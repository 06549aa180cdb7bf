package dev.keycard.session.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.store.redis.RedisRevocationStore;

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
				this.prefix + "{all}:version", this.prefix + "issued:" + PrincipalKey.of("gordon")));
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
