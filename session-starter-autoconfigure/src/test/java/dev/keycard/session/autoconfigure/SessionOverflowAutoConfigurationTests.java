package dev.keycard.session.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.file.FileSessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for cookie sessions that overflow to a store, as {@link SessionAutoConfiguration} sets
 * them up from {@code app.session.overflow-store} and {@code app.session.overflow-threshold}.
 */
class SessionOverflowAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa");

	@Test
	void cookieSessionsNeverMoveByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(SessionStore.class);
			assertThat(context.getBean(DefaultSessionManager.class).getStorage())
				.isEqualTo(new SessionStorage("cookie", "signed"));
		});
	}

	@Test
	void anOverflowStoreKeepsSessionsInTheCookieUntilTheyOutgrowIt(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("app.session.overflow-store=file", "app.session.file.directory=" + directory,
					"app.session.overflow-threshold=2KB")
			.run((context) -> {
				assertThat(context).hasSingleBean(FileSessionStore.class).hasSingleBean(SignedSessionCodec.class);
				assertThat(context.getBean(DefaultSessionManager.class).getStorage())
					.isEqualTo(new SessionStorage("cookie", "signed", "file"));
			});
	}

	@Test
	void anOverflowStoreOfTheApplicationsOwnIsUsed() {
		this.contextRunner.withUserConfiguration(UserStore.class)
			.withPropertyValues("app.session.overflow-store=memory")
			.run((context) -> assertThat(context.getBean(DefaultSessionManager.class).getStorage().overflowStore())
				.isEqualTo("users"));
	}

	@Test
	void anOverflowStoreWithAServerSideStoreFailsSayingOnlyCookieSessionsOverflow() {
		this.contextRunner.withPropertyValues("app.session.store=memory", "app.session.overflow-store=memory")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.overflow-store' is set",
						"only cookie sessions overflow");
				assertThat(analysis.getAction()).contains("Remove app.session.overflow-store");
			});
	}

	@Test
	void anOverflowStoreThatCannotBeCreatedFailsNamingWhatItNeeds() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("app.session.overflow-store=redis")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.overflow-store' is 'redis'",
						"Spring Data Redis");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis",
						"app.session.overflow-store to another store");
			});
	}

	@Test
	void cookieAsAnOverflowStoreFails() {
		this.contextRunner.withPropertyValues("app.session.overflow-store=cookie").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'app.session.overflow-store' is 'cookie'");
		});
	}

	@Test
	void aThresholdLargerThanACookieFails() {
		this.contextRunner.withPropertyValues("app.session.overflow-store=memory", "app.session.overflow-threshold=4KB")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.overflow-threshold' is 4096 bytes",
						"3584", "4096 bytes");
				assertThat(analysis.getAction()).contains("3KB");
			});
	}

	@Test
	void anOverflowStoreWithARevocationStoreFails() {
		this.contextRunner
			.withPropertyValues("app.session.overflow-store=memory", "app.session.revocation.store=jdbc")
			.withUserConfiguration(UserStore.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("app.session.revocation.store");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		SessionStore usersStore() {
			MemorySessionStore store = new MemorySessionStore(10, Clock.systemUTC());
			return new SessionStore() {

				@Override
				public dev.keycard.session.store.@org.jspecify.annotations.Nullable SessionRecord load(String key) {
					return store.load(key);
				}

				@Override
				public boolean save(String key, dev.keycard.session.store.SessionChanges changes) {
					return store.save(key, changes);
				}

				@Override
				public void delete(String key) {
					store.delete(key);
				}

				@Override
				public String getName() {
					return "users";
				}

			};
		}

	}

}
