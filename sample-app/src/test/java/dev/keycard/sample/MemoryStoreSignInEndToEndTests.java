package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's form login on the memory store.
 */
@TestPropertySource(properties = { "app.session.store=memory" })
class MemoryStoreSignInEndToEndTests extends AbstractSignInEndToEndTests {

	@Override
	boolean isServerSide() {
		return true;
	}

}
