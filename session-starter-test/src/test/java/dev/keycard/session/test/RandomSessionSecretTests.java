package dev.keycard.session.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret the test sets wins over the random one.
 */
@WebMvcTest(properties = "app.session.secret=" + RandomSessionSecretTests.GIVEN_SECRET)
class RandomSessionSecretTests {

	static final String GIVEN_SECRET = "given-test-secret-Mn3Bv6Cx9Zl2Kj5Hg8Fd";

	@Value("${app.session.secret}")
	String secret;

	@Test
	void secretTheTestSetsIsKept() {
		assertThat(this.secret).isEqualTo(GIVEN_SECRET);
	}

}
