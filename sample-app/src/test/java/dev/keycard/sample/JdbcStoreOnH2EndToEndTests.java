package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The sample application on the JDBC store with its default embedded H2 database, whose
 * schema Keycard creates.
 */
@TestPropertySource(properties = "app.session.store=jdbc")
class JdbcStoreOnH2EndToEndTests extends AbstractStoreEndToEndTests {

}
