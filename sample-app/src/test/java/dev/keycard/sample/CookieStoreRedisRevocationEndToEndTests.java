package dev.keycard.sample;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cookie sessions revoked through the real Redis at 127.0.0.1:6379, pushed to the other
 * instance by pub/sub.
 */
class CookieStoreRedisRevocationEndToEndTests extends AbstractCookieRevocationEndToEndTests {

	private static final String PREFIX = "keycard-e2e-revocation:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	@DynamicPropertySource
	static void revocation(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "cookie");
		registry.add("app.session.revocation.store", () -> "redis");
		registry.add("app.session.revocation.key-prefix", () -> PREFIX);
	}

	@Override
	String[] revocationArguments() {
		return new String[] { "--app.session.revocation.store=redis", "--app.session.revocation.key-prefix=" + PREFIX };
	}

}
