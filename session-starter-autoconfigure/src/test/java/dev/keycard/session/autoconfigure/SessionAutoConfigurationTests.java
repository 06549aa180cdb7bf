package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.context.annotation.SessionScope;
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
import dev.keycard.session.security.AuthenticationFailureConverter;
import dev.keycard.session.security.CsrfTokenConverter;
import dev.keycard.session.security.OAuth2AuthorizationRequestConverter;
import dev.keycard.session.security.SavedRequestConverter;
import dev.keycard.session.security.SecurityContextConverter;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.HttpSessionBridge;
import dev.keycard.session.web.KeycardFlashMapManager;
import dev.keycard.session.web.DeferredSession;
import dev.keycard.session.web.DeferredSessionManager;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionCookieCustomizer;
import dev.keycard.session.web.SessionFilter;
import dev.keycard.session.web.SessionLifetime;
import dev.keycard.session.web.SessionWebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
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
			.run((context) -> {
				assertThat(context.getBean(SessionCookie.class))
					.hasToString("sid; Path=/app; Domain=example.com; Secure; SameSite=Strict");
				SessionLifetime lifetime = context.getBean(SessionLifetime.class);
				assertThat(lifetime.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
				assertThat(lifetime.absoluteTimeout()).isEqualTo(Duration.ofHours(12));
				assertThat(lifetime.isRolling()).isFalse();
			});
	}

	@Test
	void cookieCustomizersApplyInOrder() {
		this.contextRunner.withUserConfiguration(CookieCustomizers.class)
			.run((context) -> assertThat(context.getBean(SessionCookie.class))
				.hasToString("session; Path=/second; HttpOnly; Partitioned; SameSite=Lax"));
	}

	@Test
	void logsWhereSessionsAreKeptOnceAtStartup(CapturedOutput output) {
		this.contextRunner.withPropertyValues("app.session.encrypt=true", "app.session.max-age=1800")
			.run((context) -> assertThat(output).containsOnlyOnce("Keycard sessions are kept in the cookie itself")
				.contains("(encrypted); cookie session; Path=/; HttpOnly; SameSite=Lax, max-age PT30M, rolling"));
	}

	@Test
	void bareNumbersOfMaxAgeAndAbsoluteTimeoutAreSeconds() {
		this.contextRunner.withPropertyValues("app.session.max-age=3600", "app.session.absolute-timeout=43200")
			.run((context) -> {
				SessionLifetime lifetime = context.getBean(SessionLifetime.class);
				assertThat(lifetime.idleTimeout()).isEqualTo(Duration.ofHours(1));
				assertThat(lifetime.absoluteTimeout()).isEqualTo(Duration.ofHours(12));
			});
	}

	@Test
	void maxAgeWithAUnitKeepsItsUnit() {
		this.contextRunner.withPropertyValues("app.session.max-age=2s")
			.run((context) -> assertThat(context.getBean(SessionLifetime.class).idleTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void maxAgeUnderASecondFails() {
		this.contextRunner.withPropertyValues("app.session.max-age=500ms")
			.run(failsWith("app.session.max-age", "500 milliseconds", "a bare number is seconds"));
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
			assertThat(properties.getSameSite()).isEqualTo(SameSite.LAX);
			assertThat(properties.isEncrypt()).isFalse();
			assertThat(properties.getStore()).isEqualTo(SessionStoreType.COOKIE);
			assertThat(properties.getFile().getDirectory()).isEqualTo(".sessions");
			assertThat(properties.getFile().getCleanupInterval()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getRedis().getKeyPrefix()).isEqualTo("keycard:session:");
			assertThat(context.getBean(SessionCookie.class)).hasToString("session; Path=/; HttpOnly; SameSite=Lax");
			SessionLifetime lifetime = context.getBean(SessionLifetime.class);
			assertThat(lifetime.idleTimeout()).isEqualTo(Duration.ofDays(14));
			assertThat(lifetime.absoluteTimeout()).isNull();
			assertThat(lifetime.isRolling()).isTrue();
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
				.hasBean("sessionFilter");
			assertThat(context.getBeanNamesForType(SessionCodec.class)).containsExactly("userCodec");
			assertThat(context.getBean(KeyRing.class)).isSameAs(context.getBean(UserBeans.class).keyRing);
			assertThat(context.getBean(SessionWebMvcConfigurer.class)).isNotNull();
		});
	}

	@Test
	void refusesAUserSessionManagerItsFilterCannotSave() {
		this.contextRunner.withUserConfiguration(PlainSessionManager.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("does not implement DeferredSessionManager")
					.contains("every change would be lost");
				assertThat(analysis.getAction()).contains("DefaultSessionManager");
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
	void bridgesTheHttpSessionToKeycardByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HttpSessionBridge.class);
			SessionFilter filter = (SessionFilter) context.getBean("sessionFilter", FilterRegistrationBean.class).getFilter();
			assertThat(filter).extracting("httpSessionBridge").isSameAs(context.getBean(HttpSessionBridge.class));
		});
	}

	@Test
	void containerHttpSessionLeavesTheContainersSessionsAlone() {
		this.contextRunner.withPropertyValues("app.session.http-session=container").run((context) -> {
			assertThat(context).doesNotHaveBean(HttpSessionBridge.class);
			SessionFilter filter = (SessionFilter) context.getBean("sessionFilter", FilterRegistrationBean.class).getFilter();
			assertThat(filter).extracting("httpSessionBridge").isNull();
		});
	}

	@Test
	void unknownHttpSessionModeFailsListingTheModes() {
		this.contextRunner.withPropertyValues("app.session.http-session=tomcat")
			.run(failsToBind("app.session.http-session", "tomcat", "KEYCARD", "CONTAINER"));
	}

	@Test
	void sessionScopedBeanIsRefusedSayingWhatToDo() {
		this.contextRunner.withUserConfiguration(SessionScopedCart.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'cart'").contains("@SessionScope");
			assertThat(analysis.getAction()).contains("app.session.http-session=container");
		});
	}

	@Test
	void sessionScopedBeanStartsWithTheContainersHttpSession() {
		this.contextRunner.withUserConfiguration(SessionScopedCart.class)
			.withPropertyValues("app.session.http-session=container")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("cart"));
	}

	@Test
	void keepsSpringSecuritysStateWhenSpringSecurityIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SecurityContextConverter.class)
			.hasSingleBean(CsrfTokenConverter.class)
			.hasSingleBean(SavedRequestConverter.class)
			.hasSingleBean(AuthenticationFailureConverter.class)
			.hasSingleBean(OAuth2AuthorizationRequestConverter.class)
			.doesNotHaveBean("keycardClearSiteDataOnLogout"));
	}

	@Test
	void clearSiteDataAddsALogoutCustomizer() {
		this.contextRunner.withPropertyValues("app.session.security.clear-site-data=true")
			.run((context) -> assertThat(context).hasBean("keycardClearSiteDataOnLogout"));
	}

	@Test
	void leavesOutSpringSecuritysConvertersWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HttpSessionBridge.class)
				.doesNotHaveBean(SecurityContextConverter.class)
				.doesNotHaveBean(CsrfTokenConverter.class));
	}

	@Test
	void leavesOutTheOAuth2ConverterWithoutOAuth2() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OAuth2AuthorizationRequest.class))
			.run((context) -> assertThat(context).hasSingleBean(SecurityContextConverter.class)
				.doesNotHaveBean(OAuth2AuthorizationRequestConverter.class));
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
	void placeholderSecretFailsNamingTheWord() {
		this.contextRunner.withPropertyValues("app.session.secret=your-secret-key-change-in-production")
			.run(failsWith("app.session.secret", "contains 'change-in-production', a word of example secrets",
					"openssl rand -base64 32"));
	}

	@Test
	void secretWithARunOfConsecutiveCharactersFailsNamingTheRule() {
		this.contextRunner.withPropertyValues("app.session.secret=test-Kq-0123456789-Wv5Rn1Yt7Hc4Lm9Xb3J")
			.run(failsWith("app.session.secret", "a run of 10 consecutive characters", "openssl rand -base64 32"));
	}

	@Test
	void secretOfFewCharactersFailsNamingTheRule() {
		this.contextRunner.withPropertyValues("app.session.secret=" + "ab".repeat(20))
			.run(failsWith("app.session.secret", "uses only 2 distinct characters", "openssl rand -base64 32"));
	}

	@Test
	void repetitiveSecretFailsNamingTheRule() {
		this.contextRunner.withPropertyValues("app.session.secret=" + "Kq7vX9mW".repeat(5))
			.run(failsWith("app.session.secret", "repeats the same pieces", "openssl rand -base64 32"));
	}

	@Test
	void unsetEnvironmentVariableIsReportedAsSuch() {
		this.contextRunner.withPropertyValues("app.session.secret=${KEYCARD_TEST_UNSET_SECRET}")
			.run((context) -> {
				failsWith("app.session.secret", "nothing sets KEYCARD_TEST_UNSET_SECRET", "openssl rand -base64 32")
					.accept(context);
				assertThat(analyze(context).getDescription()).doesNotContain("bytes long");
			});
	}

	@Test
	void shortPreviousSecretFails() {
		this.contextRunner.withPropertyValues("app.session.previous-secrets=too-short")
			.run(failsWith("app.session.previous-secrets[0]", "shorter than the 32 bytes", "openssl rand -base64 32"));
	}

	@Test
	void unknownSameSiteFailsListingTheValues() {
		this.contextRunner.withPropertyValues("app.session.same-site=Medium")
			.run(failsToBind("app.session.same-site", "Medium", "LAX", "STRICT", "NONE"));
	}

	@Test
	void sameSiteNoneWithoutSecureFails() {
		this.contextRunner.withPropertyValues("app.session.same-site=None")
			.run(failsWith("app.session.same-site", "browsers reject SameSite=None cookies", "app.session.secure to true"));
	}

	@Test
	void sameSiteNoneWithSecureStarts() {
		this.contextRunner.withPropertyValues("app.session.same-site=none", "app.session.secure=true")
			.run((context) -> assertThat(context.getBean(SessionCookie.class).toString()).endsWith("SameSite=None"));
	}

	@Test
	void unknownStoreFailsListingTheStores() {
		this.contextRunner.withPropertyValues("app.session.store=mongo")
			.run(failsToBind("app.session.store", "mongo", "COOKIE", "MEMORY", "FILE", "REDIS", "JDBC"));
	}

	@Test
	void storeIsBoundLikeAnyEnumProperty() {
		this.contextRunner.withPropertyValues("app.session.store=Memory")
			.run((context) -> assertThat(context.getBean(SessionProperties.class).getStore())
				.isEqualTo(SessionStoreType.MEMORY));
	}

	@Test
	void zeroMaxAgeFails() {
		this.contextRunner.withPropertyValues("app.session.max-age=0s")
			.run(failsWith("app.session.max-age", "is zero", "positive duration"));
	}

	@Test
	void negativeMaxAgeGivesABrowserSessionCookie() {
		this.contextRunner.withPropertyValues("app.session.max-age=-1").run((context) -> {
			SessionLifetime lifetime = context.getBean(SessionLifetime.class);
			assertThat(lifetime.isBrowserSession()).isTrue();
			assertThat(lifetime.idleTimeout()).isEqualTo(SessionLifetime.BROWSER_SESSION_IDLE_TIMEOUT);
		});
	}

	@Test
	void negativeAbsoluteTimeoutFails() {
		this.contextRunner.withPropertyValues("app.session.absolute-timeout=-5m")
			.run(failsWith("app.session.absolute-timeout", "must be at least one second", "12h"));
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

	/** What Boot reports for a value that does not bind: the property, the value and the valid values. */
	private static ContextConsumer<AssertableWebApplicationContext> failsToBind(String property, String value,
			String... validValues) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			BindException bind = findCause(failure, BindException.class);
			assertThat(bind).as("binding failure in %s", failure).isNotNull();
			assertThat(bind.getName()).hasToString(property);
			assertThat(bind).hasStackTraceContaining(value);
			Class<?> target = bind.getTarget().getType().resolve();
			assertThat(target).isNotNull();
			assertThat(target.isEnum()).isTrue();
			assertThat(Arrays.stream(target.getEnumConstants()).map(Object::toString)).contains(validValues);
		};
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static FailureAnalysis analyze(AssertableWebApplicationContext context) {
		FailureAnalysis analysis = new InvalidSessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
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
	static class SessionScopedCart {

		@Bean
		@SessionScope
		List<String> cart() {
			return new ArrayList<>();
		}

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
			return new DeferredSessionManager() {

				@Override
				public DeferredSession loadDeferred(HttpServletRequest request) {
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
	static class CookieCustomizers {

		@Bean
		@org.springframework.core.annotation.Order(2)
		SessionCookieCustomizer secondPath() {
			return (cookie) -> cookie.path("/second");
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		SessionCookieCustomizer firstPathAndPartitioned() {
			return (cookie) -> cookie.path("/first").partitioned(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainSessionManager {

		@Bean
		SessionManager plainSessionManager() {
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
