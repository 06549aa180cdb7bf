package dev.keycard.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's form login on the file store.
 */
@TestPropertySource(properties = { "app.session.store=file", "app.session.file.directory=target/sign-in-sessions" })
class FileStoreSignInEndToEndTests extends AbstractSignInEndToEndTests {

	@Override
	boolean isServerSide() {
		return true;
	}

}
