package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.keycard.session.codec.KeyRing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup refuses a session secret that anyone could know or guess: missing, shorter than 32
 * bytes, or one of the placeholders that documentation, tutorials and generators print, as
 * the current secret or as a previous one. Secrets generated as the README says start.
 */
class SessionSecretTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class));

	@Test
	void missingSecretIsRefused() {
		this.contextRunner.run((context) -> assertRefused(context, "app.session.secret", "is not set"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t", "                                        " })
	void blankSecretIsRefused(String secret) {
		this.contextRunner.withPropertyValues("app.session.secret=" + secret)
			.run((context) -> assertRefused(context, "app.session.secret", "is not set"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "Kq8Vw2Rn5Yt1Hc7Lm4Xb9Jd3Gs6Pa0E", "Kq8Vw2Rn5Yt1Hc7Lm4Xb9Jd3Gs6Pa0",
			"k8JfQ2mZ+vX1pL7wN4rT9yB3cH6sD0g", "é8JfQ2mZvX1pL7wN4rT9yB3cH6sD0" })
	void secretShorterThan32BytesIsRefused(String secret) {
		assertThat(secret.getBytes(StandardCharsets.UTF_8).length).isLessThan(KeyRing.MINIMUM_SECRET_LENGTH);
		this.contextRunner.withPropertyValues("app.session.secret=" + secret)
			.run((context) -> assertRefused(context, "app.session.secret", "shorter than the 32 bytes"));
	}

	/** Secrets copied from documentation, tutorials and generated configuration, each 32 bytes or more. */
	@ParameterizedTest
	@ValueSource(strings = { "your-secret-key-change-in-production", "changeme-changeme-changeme-changeme",
			"change_me_change_me_change_me_change_me", "my-super-secret-key-for-sessions-123",
			"mysecretkeymysecretkeymysecretkey", "supersecretkeythatnobodywillguess1",
			"0123456789abcdef0123456789abcdef", "12345678901234567890123456789012", "abcdefghijklmnopqrstuvwxyz012345",
			"zyxwvutsrqponmlkjihgfedcba987654", "qwertyuiopasdfghjklzxcvbnm123456",
			"secret-for-development-only-do-not-use", "insecure-session-secret-for-local-dev",
			"django-insecure-k8#j2@l!x9$w5&q3*v7^r1%t6", "your-256-bit-secret-your-256-bit-secret",
			"put-your-secret-here-at-least-32-bytes", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			"secretsecretsecretsecretsecretsecret", "dummy-secret-value-for-tests-0000000",
			"example-secret-key-0123456789abcdef", "password-password-password-password",
			"default-session-secret-please-rotate", "this-is-a-very-long-secret-key-for-hmac",
			"replace-with-output-of-openssl-rand-base64-32", "s3cr3t-k3y-s3cr3t-k3y-s3cr3t-k3y-00",
			"PLACEHOLDER_SESSION_SECRET_32_BYTES_LONG", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void placeholderSecretIsRefused(String secret) {
		assertThat(secret.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(KeyRing.MINIMUM_SECRET_LENGTH);
		this.contextRunner.withPropertyValues("app.session.secret=" + secret)
			.run((context) -> assertRefusedAsGuessable(context, "app.session.secret"));
	}

	@Test
	void placeholderPreviousSecretIsRefused() {
		this.contextRunner
			.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa",
					"app.session.previous-secrets[0]=Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV",
					"app.session.previous-secrets[1]=changeme-changeme-changeme-changeme")
			.run((context) -> assertRefusedAsGuessable(context, "app.session.previous-secrets[1]"));
	}

	/** Output of {@code openssl rand -base64 32} and {@code openssl rand -hex 32}, and the repository's own. */
	@ParameterizedTest
	@ValueSource(strings = { "k8JfQ2mZ+vX1pL7wN4rT9yB3cH6sD0gA5eU2iO8qWzE=", "3vNq9Lx0bR7tY2mK8pW4cZ6hJ1fS5dG+aE3uI0oQ/lM=",
			"q3Xh7T1v9Z0bN5mK2wR8yL4cJ6fD0sG1aP7eU3iO9k=", "9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4",
			"Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", "rotation-new-secret-Jm7Xc2Pf9Lb4Gs6Nw1",
			"sample-only-7Qm2xVb9KpL4tWz8RnC3hJf6YdE1sGa" })
	void generatedSecretStarts(String secret) {
		this.contextRunner.withPropertyValues("app.session.secret=" + secret)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KeyRing.class));
	}

	/** Refused by one of the rules that tell a guessable secret, named in the report. */
	private static void assertRefusedAsGuessable(AssertableWebApplicationContext context, String property) {
		assertRefused(context, property, "");
		String description = new InvalidSessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
			.getDescription();
		assertThat(description).containsAnyOf("a word of example secrets", "distinct characters",
				"consecutive characters", "repeats the same pieces");
	}

	private static void assertRefused(AssertableWebApplicationContext context, String property, String problem) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidSessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
		assertThat(analysis.getAction()).contains("openssl rand -base64 32");
	}

}
