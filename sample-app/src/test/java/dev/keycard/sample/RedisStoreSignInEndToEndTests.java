package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's form login on the redis store.
 */
@TestPropertySource(properties = { "app.session.store=redis" })
class RedisStoreSignInEndToEndTests extends AbstractSignInEndToEndTests {

	@Override
	boolean isServerSide() {
		return true;
	}

}
