package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code maximumSessions} on the file store.
 */
@TestPropertySource(properties = { "app.session.store=file", "app.session.file.directory=target/maximum-sessions" })
class FileStoreMaximumSessionsEndToEndTests extends AbstractMaximumSessionsEndToEndTests {

}
