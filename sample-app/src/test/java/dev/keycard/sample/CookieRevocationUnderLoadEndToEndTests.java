package dev.keycard.sample;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Revocation under load on the cookie store with a Redis revocation store, across two
 * instances: the clients use one, the revocations are made on the other, and no revoked cookie
 * is served once {@code max-staleness} has passed.
 */
class CookieRevocationUnderLoadEndToEndTests extends AbstractRevocationUnderLoadTests {

	private static final String PREFIX = "keycard-cookie-revocation-load:" + RUN + ":";

	private static @Nullable ConfigurableApplicationContext clients;

	@DynamicPropertySource
	static void revocationStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "cookie");
		registry.add("app.session.revocation.store", () -> "redis");
		registry.add("app.session.revocation.key-prefix", () -> PREFIX);
	}

	@BeforeAll
	static void startTheClientsInstance() {
		clients = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--app.session.revocation.store=redis", "--app.session.revocation.key-prefix=" + PREFIX);
	}

	@AfterAll
	static void stopTheClientsInstance() {
		if (clients != null) {
			clients.close();
		}
	}

	@Override
	int clientPort() {
		return clients.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@Override
	Duration bound() {
		return AbstractCookieRevocationEndToEndTests.MAX_STALENESS;
	}

}
