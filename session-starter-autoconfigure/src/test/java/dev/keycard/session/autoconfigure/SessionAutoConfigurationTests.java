package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;
import dev.keycard.session.codec.EncryptedSessionCodec;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionJsonMapperCustomizer;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.KeycardFlashMapManager;
import dev.keycard.session.web.SessionCookieSettings;
import dev.keycard.session.web.SessionFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionAutoConfiguration}.
 */
class SessionAutoConfigurationTests {

	private static final String SECRET = "app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues(SECRET);

	@Test
	void defaultsToSignedCookieSessions() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KeyRing.class)
				.hasSingleBean(SignedSessionCodec.class)
				.doesNotHaveBean(EncryptedSessionCodec.class)
				.hasSingleBean(JsonSessionSerializer.class)
				.hasSingleBean(DefaultSessionManager.class)
				.hasSingleBean(SessionWebMvcConfigurer.class)
				.hasBean("sessionFilter");
			FilterRegistrationBean<?> registration = context.getBean("sessionFilter", FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SessionFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SessionFilter.DEFAULT_ORDER).isLessThan(-100);
		});
	}

	@Test
	void providesTheFlashMapManagerBackedBySessions() {
		this.contextRunner.run((context) -> assertThat(context.getBean("flashMapManager"))
			.isInstanceOf(KeycardFlashMapManager.class));
	}

	@Test
	void backsOffFromAUserFlashMapManager() {
		this.contextRunner.withUserConfiguration(UserFlashMapManager.class)
			.run((context) -> assertThat(context.getBean("flashMapManager"))
				.isInstanceOf(SessionFlashMapManager.class));
	}

	@Test
	void encryptSelectsTheEncryptedCodec() {
		this.contextRunner.withPropertyValues("app.session.encrypt=true")
			.run((context) -> assertThat(context).hasSingleBean(EncryptedSessionCodec.class)
				.doesNotHaveBean(SignedSessionCodec.class));
	}

	@Test
	void bindsEveryCookieProperty() {
		this.contextRunner
			.withPropertyValues("app.session.cookie-name=sid", "app.session.max-age=30m",
					"app.session.absolute-timeout=12h", "app.session.rolling=false", "app.session.path=/app",
					"app.session.domain=example.com", "app.session.secure=true", "app.session.http-only=false",
					"app.session.same-site=strict")
			.run((context) -> assertThat(context.getBean(SessionCookieSettings.class)).isEqualTo(
					new SessionCookieSettings("sid", Duration.ofMinutes(30), Duration.ofHours(12), false, "/app",
							"example.com", true, false, "Strict")));
	}

	@Test
	void bindsThePropertyTableDefaults() {
		this.contextRunner.run((context) -> {
			SessionProperties properties = context.getBean(SessionProperties.class);
			assertThat(properties.getPreviousSecrets()).isEmpty();
			assertThat(properties.getCookieName()).isEqualTo("session");
			assertThat(properties.getMaxAge()).isEqualTo(Duration.ofDays(14));
			assertThat(properties.getAbsoluteTimeout()).isNull();
			assertThat(properties.isRolling()).isTrue();
			assertThat(properties.getPath()).isEqualTo("/");
			assertThat(properties.getDomain()).isNull();
			assertThat(properties.isSecure()).isFalse();
			assertThat(properties.isHttpOnly()).isTrue();
			assertThat(properties.getSameSite()).isEqualTo("Lax");
			assertThat(properties.isEncrypt()).isFalse();
			assertThat(properties.getStore()).isEqualTo("cookie");
			assertThat(properties.getFile().getDirectory()).isEqualTo(".sessions");
			assertThat(properties.getRedis().getKeyPrefix()).isEqualTo("keycard:session:");
			assertThat(properties.getJdbc().getTableName()).isEqualTo("keycard_session");
			assertThat(properties.getJdbc().getInitializeSchema()).isEqualTo("embedded");
			assertThat(context.getBean(SessionCookieSettings.class))
				.isEqualTo(SessionCookieSettings.defaults("session"));
		});
	}

	@Test
	void previousSecretsJoinTheKeyRingAfterTheCurrentOne() {
		this.contextRunner
			.withPropertyValues("app.session.previous-secrets[0]=Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV")
			.run((context) -> {
				KeyRing keyRing = context.getBean(KeyRing.class);
				assertThat(keyRing.getKeys()).hasSize(2).first().isSameAs(keyRing.getCurrent());
			});
	}

	@Test
	void backsOffFromAUserKeyRingCodecSerializerAndManager() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(KeyRing.class)
				.hasSingleBean(SessionCodec.class)
				.hasSingleBean(SessionSerializer.class)
				.hasSingleBean(SessionManager.class)
				.doesNotHaveBean("signedSessionCodec")
				.doesNotHaveBean("sessionSerializer")
				.doesNotHaveBean(DefaultSessionManager.class)
				.doesNotHaveBean("sessionFilter");
			assertThat(context.getBeanNamesForType(SessionCodec.class)).containsExactly("userCodec");
			assertThat(context.getBean(KeyRing.class)).isSameAs(context.getBean(UserBeans.class).keyRing);
			assertThat(context.getBean(SessionWebMvcConfigurer.class)).isNotNull();
		});
	}

	@Test
	void backsOffFromAUserCodecWithoutASecretOfItsOwnKind() {
		this.contextRunner.withUserConfiguration(UserCodec.class)
			.withPropertyValues("app.session.encrypt=true")
			.run((context) -> assertThat(context).hasSingleBean(SessionCodec.class)
				.doesNotHaveBean(EncryptedSessionCodec.class)
				.doesNotHaveBean("signedSessionCodec")
				.hasSingleBean(DefaultSessionManager.class));
	}

	@Test
	void backsOffFromAUserFilterRegistration() {
		this.contextRunner.withUserConfiguration(UserFilter.class).run((context) -> {
			assertThat(context).doesNotHaveBean("sessionFilter").hasBean("mySessionFilter");
			FilterRegistrationBean<?> registration = context.getBean("mySessionFilter", FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(42);
		});
	}

	@Test
	void filterRunsOnRequestAsyncAndErrorDispatches() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("sessionFilter", FilterRegistrationBean.class);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
		});
	}

	@Test
	void appliesJsonMapperCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
			SessionSerializer serializer = context.getBean(SessionSerializer.class);
			assertThat(serializer.convert(Map.of("name", "Gordon"), Officer.class)).isEqualTo(new Officer("Gordon"));
		});
	}

	@Test
	void applicationJsonMapperWithPolymorphicTypingDoesNotReachSessions() {
		this.contextRunner.withUserConfiguration(PolymorphicApplicationMapper.class).run((context) -> {
			JsonMapper applicationMapper = context.getBean(JsonMapper.class);
			assertThat(applicationMapper.writeValueAsString(Map.of("notes", new ArrayList<>(List.of(1)))))
				.contains("java.util.ArrayList");
			SessionSerializer serializer = context.getBean(SessionSerializer.class);
			byte[] json = serializer.serialize(Map.of("notes", new ArrayList<>(List.of(1))));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"notes\":[1]}");
			Map<String, Object> read = serializer
				.deserialize("{\"notes\":[\"java.util.ArrayList\",[1]]}".getBytes(StandardCharsets.UTF_8));
			assertThat(read.get("notes")).isEqualTo(List.of("java.util.ArrayList", List.of(1)));
		});
	}

	@Test
	void doesNotApplyToNonWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
			.withPropertyValues(SECRET)
			.run((context) -> assertThat(context).doesNotHaveBean(SessionManager.class));
	}

	@Test
	void doesNotApplyWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SessionManager.class));
	}

	@Test
	void missingSecretFailsWithHowToGenerateOne() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
			.run(failsWith("app.session.secret", "is not set", "openssl rand -base64 32"));
	}

	@Test
	void shortSecretFailsWithItsLengthButNotItsValue() {
		this.contextRunner.withPropertyValues("app.session.secret=short-secret-Xy7")
			.run((context) -> {
				failsWith("app.session.secret", "16 bytes long, shorter than the 32 bytes", "openssl rand -base64 32")
					.accept(context);
				assertThat(analyze(context).getDescription()).doesNotContain("short-secret-Xy7");
			});
	}

	@Test
	void placeholderSecretFails() {
		this.contextRunner.withPropertyValues("app.session.secret=your-secret-key-change-in-production")
			.run(failsWith("app.session.secret", "looks like a placeholder", "openssl rand -base64 32"));
	}

	@Test
	void repetitiveSecretFails() {
		this.contextRunner.withPropertyValues("app.session.secret=" + "ab".repeat(20))
			.run(failsWith("app.session.secret", "looks like a placeholder", "openssl rand -base64 32"));
	}

	@Test
	void shortPreviousSecretFails() {
		this.contextRunner.withPropertyValues("app.session.previous-secrets=too-short")
			.run(failsWith("app.session.previous-secrets[0]", "shorter than the 32 bytes", "openssl rand -base64 32"));
	}

	@Test
	void unknownSameSiteFails() {
		this.contextRunner.withPropertyValues("app.session.same-site=Medium")
			.run(failsWith("app.session.same-site", "'Medium', not a SameSite value", "Strict, Lax (the default) or None"));
	}

	@Test
	void sameSiteNoneWithoutSecureFails() {
		this.contextRunner.withPropertyValues("app.session.same-site=None")
			.run(failsWith("app.session.same-site", "browsers reject SameSite=None cookies", "app.session.secure to true"));
	}

	@Test
	void sameSiteNoneWithSecureStarts() {
		this.contextRunner.withPropertyValues("app.session.same-site=none", "app.session.secure=true")
			.run((context) -> assertThat(context.getBean(SessionCookieSettings.class).sameSite()).isEqualTo("None"));
	}

	@Test
	void unknownStoreFails() {
		this.contextRunner.withPropertyValues("app.session.store=mongo")
			.run(failsWith("app.session.store", "'mongo', an unknown session store", "app.session.store to one of cookie"));
	}

	@Test
	void zeroMaxAgeFails() {
		this.contextRunner.withPropertyValues("app.session.max-age=0s")
			.run(failsWith("app.session.max-age", "is zero", "positive duration"));
	}

	@Test
	void negativeMaxAgeGivesABrowserSessionCookie() {
		this.contextRunner.withPropertyValues("app.session.max-age=-1s").run((context) -> {
			SessionCookieSettings settings = context.getBean(SessionCookieSettings.class);
			assertThat(settings.isBrowserSession()).isTrue();
			assertThat(settings.idleTimeout()).isEqualTo(SessionCookieSettings.BROWSER_SESSION_IDLE_TIMEOUT);
		});
	}

	@Test
	void negativeAbsoluteTimeoutFails() {
		this.contextRunner.withPropertyValues("app.session.absolute-timeout=-5m")
			.run(failsWith("app.session.absolute-timeout", "must be positive", "12h"));
	}

	@Test
	void invalidCookieNameFails() {
		this.contextRunner.withPropertyValues("app.session.cookie-name=my session")
			.run(failsWith("app.session.cookie-name", "not a valid cookie name", "letters, digits"));
	}

	@Test
	void invalidDomainFails() {
		this.contextRunner.withPropertyValues("app.session.domain=exa;mple.com")
			.run(failsWith("app.session.domain", "not valid in a cookie", "host name"));
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String property, String problem,
			String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
			assertThat(analysis.getAction()).contains(action);
		};
	}

	private static FailureAnalysis analyze(AssertableWebApplicationContext context) {
		FailureAnalysis analysis = new InvalidSessionPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class PolymorphicApplicationMapper {

		@Bean
		JsonMapper applicationJsonMapper() {
			return JsonMapper.builder()
				.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
						DefaultTyping.NON_FINAL)
				.build();
		}

	}

	record Officer(String name) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final KeyRing keyRing = KeyRing.of("Uq8w2E6rT4yU1iO9pA3sD7fG5hJ0kL2z", List.of());

		@Bean
		KeyRing userKeyRing() {
			return this.keyRing;
		}

		@Bean
		SessionCodec userCodec() {
			return new SignedSessionCodec(this.keyRing);
		}

		@Bean
		SessionSerializer userSerializer() {
			return new JsonSessionSerializer();
		}

		@Bean
		SessionManager userSessionManager() {
			return new SessionManager() {

				@Override
				public Session load(HttpServletRequest request) {
					throw new UnsupportedOperationException();
				}

				@Override
				public void save(Session session, HttpServletResponse response) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFlashMapManager {

		@Bean
		FlashMapManager flashMapManager() {
			return new SessionFlashMapManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCodec {

		@Bean
		SessionCodec userCodec() {
			return new SignedSessionCodec(KeyRing.of("Uq8w2E6rT4yU1iO9pA3sD7fG5hJ0kL2z", List.of()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilter {

		@Bean
		FilterRegistrationBean<SessionFilter> mySessionFilter(DefaultSessionManager sessionManager) {
			FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(
					new SessionFilter(sessionManager));
			registration.setOrder(42);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<String> calls = new ArrayList<>();

		@Bean
		@org.springframework.core.annotation.Order(2)
		SessionJsonMapperCustomizer second() {
			return (builder) -> this.calls.add("second");
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		SessionJsonMapperCustomizer first() {
			return (builder) -> this.calls.add("first");
		}

	}

}
