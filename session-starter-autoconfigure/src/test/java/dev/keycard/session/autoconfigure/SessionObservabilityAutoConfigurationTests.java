package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;
import dev.keycard.session.actuate.KeycardEndpoint;
import dev.keycard.session.actuate.KeycardEndpoint.KeycardDescriptor;
import dev.keycard.session.actuate.SessionStoreHealthIndicator;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.micrometer.MicrometerSessionActivity;
import dev.keycard.session.micrometer.ObservedSessionStore;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the meters, the health contributor and the endpoint's auto-configuration: each is
 * there exactly when what it needs is, and a cleanup run shows in both the meters and the
 * endpoint.
 */
class SessionObservabilityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class, SessionMetricsAutoConfiguration.class,
				SessionHealthContributorAutoConfiguration.class, SessionEndpointAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa",
				"management.endpoints.web.exposure.include=keycard");

	@Test
	void cleanupRunIsCountedAndShownByTheEndpoint(@TempDir Path directory) {
		this.contextRunner.withUserConfiguration(Meters.class)
			.withPropertyValues("app.session.store=file", "app.session.file.directory=" + directory,
					"app.session.file.cleanup-interval=1h")
			.run((context) -> {
				KeycardEndpoint endpoint = context.getBean(KeycardEndpoint.class);
				assertThat(endpoint.keycard().cleanup()).isNotNull();
				assertThat(endpoint.keycard().cleanup().lastRun()).as("before the first run").isNull();
				SessionStore store = context.getBean(SessionStore.class);
				store.save(storeKey(), changes(Instant.now().minusSeconds(1)));
				store.save(storeKey(), changes(Instant.now().minusSeconds(1)));
				store.save(storeKey(), changes(Instant.now().plus(Duration.ofHours(1))));
				context.getBean(ExpiredSessionCleanup.class).cleanUp();
				KeycardDescriptor keycard = endpoint.keycard();
				assertThat(keycard.store()).isEqualTo("file");
				assertThat(keycard.cleanup().store()).isEqualTo("file");
				assertThat(keycard.cleanup().interval()).isEqualTo(Duration.ofHours(1));
				assertThat(keycard.cleanup().lastRun().deleted()).isEqualTo(2);
				assertThat(keycard.cleanup().lastRun().failure()).isNull();
				assertThat(context.getBean(MeterRegistry.class)
					.get(MicrometerSessionActivity.EXPIRED_DELETED)
					.counter()
					.count()).isEqualTo(2);
			});
	}

	@Test
	void cookieStoreIsHealthyWithItsModeAndHasNoCleanup() {
		this.contextRunner.withPropertyValues("app.session.encrypt=true").run((context) -> {
			Health health = context.getBean(SessionStoreHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("store", "cookie").containsEntry("mode", "encrypted");
			KeycardDescriptor keycard = context.getBean(KeycardEndpoint.class).keycard();
			assertThat(keycard.cleanup()).isNull();
			assertThat(keycard.keyRing().keys()).hasSize(1);
		});
	}

	@ParameterizedTest
	@CsvSource({ "memory, false", "file, true" })
	void storeCallsAreObservedWhenTheStoreLeavesTheProcess(String store, boolean observed, @TempDir Path directory) {
		this.contextRunner.withUserConfiguration(Meters.class, Observations.class)
			.withPropertyValues("app.session.store=" + store, "app.session.file.directory=" + directory)
			.run((context) -> {
				SessionManager manager = context.getBean(SessionManager.class);
				Session session = manager.load(new MockHttpServletRequest());
				session.put("visits", 1);
				manager.save(session, new MockHttpServletResponse());
				assertThat(context.getBean(MeterRegistry.class).find(ObservedSessionStore.NAME).timer() != null)
					.as("a %s store observed", store)
					.isEqualTo(observed);
			});
	}

	@Test
	void memoryStoreAnswersTheHealthCheck() {
		this.contextRunner.withPropertyValues("app.session.store=memory").run((context) -> {
			Health health = context.getBean(SessionStoreHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("store", "memory")
				.containsEntry("mode", "signed-id")
				.containsKey("responseTime");
		});
	}

	@Test
	void storeThatDoesNotAnswerInTimeIsDown() {
		this.contextRunner.withUserConfiguration(HangingStore.class)
			.withPropertyValues("app.session.health.timeout=1")
			.run((context) -> {
				Health health = context.getBean(SessionStoreHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("store", "hanging")
					.containsEntry("error", "The store did not answer within 1000 ms");
			});
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.keycard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreHealthIndicator.class));
	}

	@Test
	void endpointIsLeftOutUnlessExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(KeycardEndpoint.class));
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MicrometerSessionActivity.class));
	}

	@Test
	void nothingOfTheActuatorWithoutIt() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate",
					"io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SessionStoreHealthIndicator.class)
				.doesNotHaveBean(KeycardEndpoint.class)
				.doesNotHaveBean(MicrometerSessionActivity.class));
	}

	private static String storeKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
	}

	private static SessionChanges changes(Instant expiresAt) {
		return new SessionChanges(true, Map.of("user", "\"bruce\""), Set.of(), expiresAt.minus(Duration.ofHours(2)),
				expiresAt);
	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HangingStore {

		@Bean
		SessionStore hangingStore() {
			return new SessionStore() {

				@Override
				public @Nullable SessionRecord load(String key) {
					try {
						// Hangs until the health check gives up on it and interrupts it.
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return null;
				}

				@Override
				public boolean save(String key, SessionChanges changes) {
					return true;
				}

				@Override
				public void delete(String key) {
				}

				@Override
				public String getName() {
					return "hanging";
				}

			};
		}

	}

}
