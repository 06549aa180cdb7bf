package dev.keycard.session.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;

import dev.keycard.session.security.ConcurrentSessionControlPostProcessor;
import dev.keycard.session.security.KeycardSessionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the auto-configuration of Spring Security's {@link SessionRegistry} on Keycard:
 * there on a server-side store, absent where there is nothing to count.
 */
class SessionRegistryAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", "app.session.store=memory");

	@Test
	void aServerSideStoreGetsKeycardsRegistryAndItsConcurrencyControl() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SessionRegistry.class)
			.hasSingleBean(KeycardSessionRegistry.class)
			.hasSingleBean(ConcurrentSessionControlPostProcessor.class));
	}

	@Test
	void theCookieStoreGetsNoRegistry() {
		this.contextRunner.withPropertyValues("app.session.store=cookie")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SessionRegistry.class)
				.doesNotHaveBean(ConcurrentSessionControlPostProcessor.class));
	}

	@Test
	void theContainersHttpSessionGetsNoRegistry() {
		this.contextRunner.withPropertyValues("app.session.http-session=container")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionRegistry.class));
	}

	@Test
	void backsOffFromTheApplicationsRegistry() {
		this.contextRunner.withUserConfiguration(ApplicationRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(SessionRegistry.class)
				.doesNotHaveBean(KeycardSessionRegistry.class)
				.doesNotHaveBean(ConcurrentSessionControlPostProcessor.class));
	}

	@Test
	void needsSpringSecuritysWebConcurrencyControl() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConcurrentSessionControlAuthenticationStrategy.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionRegistry.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationRegistry {

		@Bean
		SessionRegistry sessionRegistry() {
			return new SessionRegistryImpl();
		}

	}

}
