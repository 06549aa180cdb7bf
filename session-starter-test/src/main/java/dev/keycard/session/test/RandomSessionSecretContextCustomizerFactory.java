package dev.keycard.session.test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every test context that sets no {@code app.session.secret} a random one, drawn once per
 * JVM, so that slices and {@code @SpringBootTest}s start without a secret in the test's
 * configuration. Only in tests: a running application without a secret still refuses to start.
 * A secret the test sets (a property, {@code application.yml}, {@code @TestPropertySource})
 * always wins.
 */
final class RandomSessionSecretContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new RandomSessionSecret();
	}

	/** Equal to every other, so that the test context cache is not split by it. */
	static final class RandomSessionSecret implements ContextCustomizer {

		static final String PROPERTY = "app.session.secret";

		private static final String SECRET = newSecret();

		@Override
		public void customizeContext(ConfigurableApplicationContext context,
				MergedContextConfiguration mergedConfig) {
			ConfigurableEnvironment environment = context.getEnvironment();
			if (!environment.containsProperty(PROPERTY)) {
				environment.getPropertySources()
					.addLast(new MapPropertySource("keycardRandomTestSecret", Map.of(PROPERTY, SECRET)));
			}
		}

		private static String newSecret() {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return Base64.getEncoder().encodeToString(random);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof RandomSessionSecret;
		}

		@Override
		public int hashCode() {
			return RandomSessionSecret.class.hashCode();
		}

	}

}
