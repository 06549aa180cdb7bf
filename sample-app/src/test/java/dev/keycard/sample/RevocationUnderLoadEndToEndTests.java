package dev.keycard.sample;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Revocation under load on the Redis store: a revocation deletes the sessions, so it holds from
 * the moment it returns.
 */
class RevocationUnderLoadEndToEndTests extends AbstractRevocationUnderLoadTests {

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "redis");
		registry.add("app.session.redis.key-prefix", () -> "keycard-revocation-load:" + RUN + ":");
	}

}
