package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.keycard.session.UserSessions;
import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.revocation.RevocationStore;
import dev.keycard.session.revocation.RevocationVersion;
import dev.keycard.session.store.jdbc.JdbcRevocationStore;
import dev.keycard.session.store.redis.RedisRevocationStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the revocation of cookie sessions as {@link SessionAutoConfiguration} sets it up
 * from {@code app.session.revocation.*}.
 */
class SessionRevocationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa");

	@Test
	void cookieSessionsCannotBeRevokedByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RevocationStore.class).doesNotHaveBean(RevocationList.class);
			assertThat(context.getBean(UserSessions.class).isAvailable()).isFalse();
		});
	}

	@Test
	void redisRevocationStoreMakesCookieSessionsRevocable() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("app.session.revocation.store=redis", "app.session.revocation.max-staleness=2",
					"app.session.revocation.key-prefix=keycard-test-autoconfig:" + UUID.randomUUID() + ":")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisRevocationStore.class).hasSingleBean(RevocationList.class);
				assertThat(context.getBean(UserSessions.class).isAvailable()).isTrue();
				assertThat(context.getBean(SessionRevocationProperties.class).getMaxStaleness())
					.isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void jdbcRevocationStoreCreatesItsTables() {
		String prefix = "keycard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.revocation.store=jdbc", "app.session.revocation.table-prefix=" + prefix,
					"spring.datasource.url=jdbc:h2:mem:" + prefix)
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcRevocationStore.class).hasSingleBean(RevocationList.class);
				assertThat(context.getBean(JdbcRevocationStore.class).version()).isEqualTo(RevocationVersion.NONE);
				assertThat(context.getBean(UserSessions.class).isAvailable()).isTrue();
			});
	}

	@Test
	void revocationStoreWithAServerSideStoreFailsSayingItIsForCookieSessions() {
		this.contextRunner.withPropertyValues("app.session.store=memory", "app.session.revocation.store=redis")
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.revocation.store' is set",
						"revoking a session deletes it");
				assertThat(analysis.getAction()).contains("Remove app.session.revocation.store");
			});
	}

	@Test
	void redisRevocationStoreWithoutSpringDataRedisFailsNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("app.session.revocation.store=redis")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.revocation.store' is 'redis'");
				assertThat(analysis.getAction()).contains("Spring Data Redis", "app.session.revocation.store to none");
			});
	}

	@Test
	void redisRevocationStoreWithoutAConnectionFailsNamingTheStarter() {
		this.contextRunner.withPropertyValues("app.session.revocation.store=redis").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("no single RedisConnectionFactory");
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
		});
	}

	@Test
	void jdbcRevocationStoreWithoutADataSourceFailsNamingTheStarter() {
		this.contextRunner.withPropertyValues("app.session.revocation.store=jdbc").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("no single DataSource");
			assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc");
		});
	}

	@Test
	void unknownFailModeFailsWithTheValidValues() {
		this.contextRunner.withPropertyValues("app.session.revocation.fail-mode=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class)
				.hasStackTraceContaining("sometimes");
			BindException bind = null;
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				bind = (cause instanceof BindException found) ? found : bind;
			}
			assertThat(bind).isNotNull();
			assertThat(bind.getName()).hasToString("app.session.revocation.fail-mode");
		});
	}

}
