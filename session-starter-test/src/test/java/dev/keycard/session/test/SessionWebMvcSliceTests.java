package dev.keycard.session.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.keycard.session.test.SessionAssert.assertThatSession;
import static dev.keycard.session.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * A {@code @WebMvcTest} slice on the cookie store, with no secret in the test's configuration:
 * requests with a given session, and assertions on what each did to it, with {@code MockMvc}
 * and with {@code MockMvcTester}.
 */
@WebMvcTest
class SessionWebMvcSliceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MockMvcTester tester;

	@Value("${app.session.secret}")
	String secret;

	@Test
	void startsWithARandomSecretWhenTheTestSetsNone() {
		assertThat(this.secret).hasSize(44).isNotEqualTo(RandomSessionSecretTests.GIVEN_SECRET);
	}

	@Test
	void requestWithAGivenSessionSeesItsValues() throws Exception {
		MvcResult result = this.mvc.perform(get("/visits").with(session((session) -> session.put("count", 41))))
			.andExpect(content().string("You have visited 42 times"))
			.andReturn();
		assertThatSession(result).wasSaved().containsEntry("count", 42).containsEntry("count", 42L);
		assertThatSession(result).cookieSize().isGreaterThan(0).isLessThan(4096);
	}

	@Test
	void requestWithoutAGivenSessionStartsANewOne() throws Exception {
		MvcResult result = this.mvc.perform(get("/visits")).andReturn();
		assertThatSession(result).wasCreated().containsEntry("count", 1);
	}

	@Test
	void mockMvcTesterRequestWithAGivenSession() {
		MvcTestResult result = this.tester.get().uri("/visits").with(session((session) -> session.put("count", 6))).exchange();
		assertThat(result).hasStatusOk().bodyText().isEqualTo("You have visited 7 times");
		assertThatSession(result).wasSaved().containsEntry("count", 7).values().hasSize(1);
	}

	@Test
	void regenerationAndInvalidationAreSeen() {
		MvcTestResult signedIn = this.tester.get().uri("/sign-in").with(session((session) -> session.put("count", 3))).exchange();
		assertThatSession(signedIn).wasRegenerated().containsEntry("officer", "gordon").containsEntry("count", 3);
		MvcTestResult signedOut = this.tester.get().uri("/sign-out").with(session((session) -> session.put("officer", "gordon"))).exchange();
		assertThatSession(signedOut).wasInvalidated().doesNotContainKey("officer");
	}

	@Test
	void readOnlyRequestIsNotSaved() {
		MvcTestResult result = this.tester.get().uri("/officer").with(session((session) -> session.put("officer", "bullock"))).exchange();
		assertThat(result).bodyText().isEqualTo("bullock");
		assertThatSession(result).wasNotSaved();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatSession(result).wasSaved())
			.withMessageContaining("Expected the session to be saved");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatSession(result).containsEntry("officer", "gordon"))
			.withMessageContaining("officer=gordon");
	}

}
