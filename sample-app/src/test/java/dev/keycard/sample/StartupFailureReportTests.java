package dev.keycard.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that a user's configuration mistake stops startup with Spring Boot's failure report,
 * naming the property and saying what to do, rather than with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	@Test
	void missingSecretReportsThePropertyAndHowToGenerateOne(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--app.session.secret="));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property 'app.session.secret' is not set")
			.contains("openssl rand -base64 32");
	}

	@Test
	void unknownStoreReportsTheValidStores(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--app.session.store=mongodb"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Failed to bind properties under 'app.session.store'")
			.contains("Value: \"mongodb\"")
			.contains("The following values are valid:")
			.contains("COOKIE", "FILE", "JDBC", "MEMORY", "REDIS");
	}

	@Test
	void badSameSiteReportsTheValidValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--app.session.same-site=sometimes"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Failed to bind properties under 'app.session.same-site'")
			.contains("Value: \"sometimes\"")
			.contains("The following values are valid:")
			.contains("LAX", "NONE", "STRICT");
	}

	private static void start(String argument) {
		SpringApplication.run(SampleApplication.class, "--server.port=0", argument).close();
	}

}
