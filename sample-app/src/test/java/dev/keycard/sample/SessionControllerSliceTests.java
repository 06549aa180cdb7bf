package dev.keycard.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.keycard.session.test.SessionAssert.assertThatSession;
import static dev.keycard.session.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A {@code @WebMvcTest} slice of the sample's API with Spring Security's test support beside
 * Keycard: {@code with(user(...))} signs a request in, and the Keycard session works as on
 * the server.
 */
@WebMvcTest(SessionController.class)
class SessionControllerSliceTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void withUserSignsTheRequestIn() {
		assertThat(this.mvc.get().uri("/me").with(user("gordon").roles("OFFICER"))).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"name\":\"gordon\",\"authorities\":[\"ROLE_OFFICER\"]}");
	}

	@Test
	void requestWithAGivenSessionCountsOn() {
		MvcTestResult result = this.mvc.get()
			.uri("/visits")
			.with(user("gordon"))
			.with(session((session) -> session.put("count", 41)))
			.exchange();
		assertThat(result).hasStatusOk().hasBodyTextEqualTo("You have visited 42 times");
		assertThatSession(result).wasSaved().containsEntry("count", 42);
	}

	@Test
	void keycardSessionWorksInTheSlice() {
		assertThat(this.mvc.get().uri("/visits").with(user("gordon"))).hasStatusOk()
			.hasBodyTextEqualTo("You have visited 1 times")
			.headers()
			.hasHeaderSatisfying("Set-Cookie", (values) -> assertThat(values).anySatisfy(
					(header) -> assertThat(header).startsWith("session=")));
	}

}
