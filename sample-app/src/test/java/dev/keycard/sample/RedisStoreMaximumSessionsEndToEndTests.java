package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code maximumSessions} on the Redis store, with the real Redis at 127.0.0.1:6379.
 */
@TestPropertySource(properties = "app.session.store=redis")
class RedisStoreMaximumSessionsEndToEndTests extends AbstractMaximumSessionsEndToEndTests {

}
