package dev.keycard.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code maximumSessions} where a user's sessions cannot be counted (cookie sessions that
 * overflow to a store) stops the application at startup with what to do, instead of failing
 * every sign-in.
 */
class MaximumSessionsWithOverflowStartupTests {

	@Test
	void maximumSessionsWithAnOverflowStoreIsRefusedAtStartup() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class,
					AbstractMaximumSessionsEndToEndTests.SessionLimits.class)
				.run("--server.port=0", "--app.session.overflow-store=memory")
				.close())
			.withStackTraceContaining("maximumSessions needs sessions kept in a store with a principal index")
			.withStackTraceContaining("Remove maximumSessions");
	}

}
