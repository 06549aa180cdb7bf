package dev.keycard.session.actuate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;
import dev.keycard.session.testsupport.MutableClock;

/**
 * An application with the actuator and Micrometer, whose handlers do each thing a session can
 * do, for tests that count what the meters, the health and the endpoint say about it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ObservabilityTestApplication.SessionActions.class)
class ObservabilityTestApplication {

	/** Now, not a fixed day: Redis expires records by its own clock. */
	static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Bean
	MutableClock clock() {
		return new MutableClock(START);
	}

	@RestController
	static class SessionActions {

		@GetMapping("/count")
		String count(Session session) {
			Object count = session.get("count");
			int next = (count instanceof Number number) ? number.intValue() + 1 : 1;
			session.put("count", next);
			return String.valueOf(next);
		}

		@GetMapping("/read")
		String read(Session session) {
			return String.valueOf(session.get("count"));
		}

		@GetMapping("/regenerate")
		String regenerate(Session session) {
			session.regenerate();
			return "regenerated";
		}

		@GetMapping("/invalidate")
		String invalidate(Session session) {
			session.invalidate();
			return "invalidated";
		}

		@GetMapping("/large/{length}")
		String large(Session session, @PathVariable int length) {
			session.put("large", "x".repeat(length));
			return "large";
		}

	}

}
