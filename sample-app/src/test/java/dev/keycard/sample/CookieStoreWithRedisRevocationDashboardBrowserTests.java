package dev.keycard.sample;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium on the cookie store, its sessions revoked through the real Redis at
 * 127.0.0.1:6379 under keys of this run's own: the Devices card lists and signs out cookie
 * sessions too.
 */
class CookieStoreWithRedisRevocationDashboardBrowserTests extends AbstractDashboardBrowserTests {

	@DynamicPropertySource
	static void revocationStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "cookie");
		registry.add("app.session.revocation.store", () -> "redis");
		registry.add("app.session.revocation.key-prefix", () -> "keycard-dashboard-revocation:" + UUID.randomUUID() + ":");
	}

}
