package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code maximumSessions} on the memory store.
 */
@TestPropertySource(properties = "app.session.store=memory")
class MemoryStoreMaximumSessionsEndToEndTests extends AbstractMaximumSessionsEndToEndTests {

}
