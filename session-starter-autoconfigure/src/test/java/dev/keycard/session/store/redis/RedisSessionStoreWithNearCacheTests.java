package dev.keycard.session.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionStore;

/**
 * The session store's whole contract, run against a {@link RedisSessionStore} with a
 * {@link RedisNearCache}, on the Redis server on 127.0.0.1:6379: the cache must not change what
 * a store promises. Every key this class writes starts with a prefix of its own.
 */
class RedisSessionStoreWithNearCacheTests extends AbstractSessionStoreTests {

	private static final String PREFIX = "keycard-test:near-cache-contract:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connectionFactory;

	private static RedisNearCache nearCache;

	private static RedisSessionStore store;

	@BeforeAll
	static void connect() {
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		nearCache = RedisNearCache.connect(connectionFactory, 10_000, Duration.ofSeconds(60));
		store = new RedisSessionStore(connectionFactory, PREFIX, Clock.systemUTC(), nearCache);
	}

	@AfterAll
	static void removeKeysAndDisconnect() {
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
			List<String> keys = new ArrayList<>();
			try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(1_000).build())) {
				cursor.forEachRemaining(keys::add);
			}
			if (!keys.isEmpty()) {
				redis.unlink(keys);
			}
		}
		finally {
			nearCache.close();
			connectionFactory.destroy();
		}
	}

	@Override
	protected SessionStore store() {
		return store;
	}

}
