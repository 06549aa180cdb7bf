package dev.keycard.session.test;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.keycard.session.test.SessionAssert.assertThatSession;
import static dev.keycard.session.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same controller test as on the cookie store, on the Redis store of the local server: the
 * given session is written to Redis, as the application writes sessions, and read back from it.
 */
@SpringBootTest(classes = VisitsApplication.class,
		properties = { "app.session.store=redis", "app.session.redis.key-prefix=" + RedisSessionMockMvcTests.PREFIX })
@AutoConfigureMockMvc
class RedisSessionMockMvcTests {

	static final String PREFIX = "keycard-test-support:";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StringRedisTemplate redis;

	@AfterEach
	void deleteSessions() {
		Set<String> keys = this.redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@Test
	void requestWithAGivenSessionOnRedis() {
		MvcTestResult result = this.mvc.get().uri("/visits").with(session((session) -> session.put("count", 41))).exchange();
		assertThat(result).hasStatusOk().bodyText().isEqualTo("You have visited 42 times");
		assertThatSession(result).wasSaved().containsEntry("count", 42);
		assertThat(this.redis.keys(PREFIX + "*")).as("the session in Redis").hasSize(1);
	}

	@Test
	void signInRegeneratesTheRecordInRedis() {
		MvcTestResult result = this.mvc.get().uri("/sign-in").with(session((session) -> session.put("count", 1))).exchange();
		assertThatSession(result).wasRegenerated().containsEntry("officer", "gordon");
		assertThat(this.redis.keys(PREFIX + "*")).as("the old record deleted, the new one written").hasSize(1);
	}

}
