package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's form login on the jdbc store.
 */
@TestPropertySource(properties = { "app.session.store=jdbc" })
class JdbcStoreSignInEndToEndTests extends AbstractSignInEndToEndTests {

	@Override
	boolean isServerSide() {
		return true;
	}

}
