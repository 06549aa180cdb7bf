package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in Chromium on the cookie store, its sessions revoked through the real Redis at
 * 127.0.0.1:6379: the Devices card lists and signs out cookie sessions too.
 */
@TestPropertySource(properties = { "app.session.store=cookie", "app.session.revocation.store=redis" })
class CookieStoreWithRedisRevocationDashboardBrowserTests extends AbstractDashboardBrowserTests {

}
