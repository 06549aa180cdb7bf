package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The sample application on the memory store.
 */
@TestPropertySource(properties = "app.session.store=memory")
class MemoryStoreEndToEndTests extends AbstractStoreEndToEndTests {

}
