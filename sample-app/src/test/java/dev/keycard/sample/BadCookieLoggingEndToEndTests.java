package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests that a bad session cookie is logged at debug level, and that its value,
 * which is someone's session, never reaches the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.dev.keycard.session.web=debug")
@ExtendWith(OutputCaptureExtension.class)
class BadCookieLoggingEndToEndTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionCodec codec;

	@Test
	void tamperedCookieIsLoggedAtDebugWithoutItsValue(CapturedOutput output) {
		String issued = Browser.open(this.port).get("/visits").headers().firstValue("Set-Cookie").orElseThrow();
		String value = issued.substring("session=".length(), issued.indexOf(';'));
		char[] tampered = value.toCharArray();
		tampered[10] = (tampered[10] == 'A') ? 'B' : 'A';

		HttpResponse<String> response = Browser.withoutCookieJar(this.port)
			.get("/visits", "session=" + new String(tampered));

		assertThat(response.body()).isEqualTo("You have visited 1 times");
		assertThat(output).contains("DEBUG")
			.contains("Ignored session cookie 'session' of " + value.length()
					+ " characters, the client gets a new session")
			.doesNotContain(new String(tampered))
			.doesNotContain(value);
	}

	@Test
	void signedCookieWhoseContentIsNotASessionIsLoggedAtDebugWithoutItsValue(CapturedOutput output) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String value = this.codec.encode("session", new SessionToken(now, now, now.plus(Duration.ofHours(1)),
				"[\"not\", \"an object\"]".getBytes(StandardCharsets.UTF_8)));

		HttpResponse<String> response = Browser.withoutCookieJar(this.port).get("/visits", "session=" + value);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("You have visited 1 times");
		assertThat(output).contains("Session cookie content cannot be read").doesNotContain(value);
	}

}
