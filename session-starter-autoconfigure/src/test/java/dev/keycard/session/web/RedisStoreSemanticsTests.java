package dev.keycard.session.web;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.redis.RedisSessionStore;

/**
 * Session semantics with sessions in the real Redis at 127.0.0.1:6379.
 */
class RedisStoreSemanticsTests extends AbstractSessionSemanticsTests {

	private static final String PREFIX = "keycard-semantics:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connectionFactory;

	@BeforeAll
	static void connect() {
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
	}

	@AfterAll
	static void cleanUp() {
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").build())) {
			keys.forEachRemaining(redis::delete);
		}
		connectionFactory.destroy();
	}

	@Override
	protected DefaultSessionManager manager(SessionLifetime lifetime, Clock clock) {
		return DefaultSessionManager.inStore(new RedisSessionStore(connectionFactory, PREFIX, clock), new SessionIdCodec(KEY_RING), new JsonSessionSerializer(),
				SessionCookie.named("session"), lifetime, clock);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
