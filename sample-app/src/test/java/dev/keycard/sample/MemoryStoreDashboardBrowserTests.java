package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in Chromium on the memory store.
 */
@TestPropertySource(properties = "app.session.store=memory")
class MemoryStoreDashboardBrowserTests extends AbstractDashboardBrowserTests {

}
