package dev.keycard.sample;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium on the Redis store, with the real Redis at 127.0.0.1:6379, under
 * keys of this run's own.
 */
class RedisStoreDashboardBrowserTests extends AbstractDashboardBrowserTests {

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "redis");
		registry.add("app.session.redis.key-prefix", () -> "keycard-dashboard:" + UUID.randomUUID() + ":");
	}

}
