package dev.keycard.session.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;

import static dev.keycard.session.test.SessionAssert.assertThatSession;
import static dev.keycard.session.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebMvcTest} of an application whose sessions are in the jdbc store: the slice has
 * no DataSource, so Keycard keeps the slice's sessions in memory, and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
@WebMvcTest(properties = "app.session.store=jdbc")
class JdbcStoreInASliceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	SessionStore store;

	@Test
	void controllerTestRunsOnTheMemoryStore(CapturedOutput output) {
		MvcTestResult result = this.mvc.get().uri("/visits").with(session((session) -> session.put("count", 1))).exchange();
		assertThat(result).hasStatusOk().bodyText().isEqualTo("You have visited 2 times");
		assertThatSession(result).wasSaved().containsEntry("count", 2);
		assertThat(this.store).isInstanceOf(MemorySessionStore.class);
		assertThat(output).contains("app.session.store is 'jdbc', but this test slice has no DataSource");
	}

}
