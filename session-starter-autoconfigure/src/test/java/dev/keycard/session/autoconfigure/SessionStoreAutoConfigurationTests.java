package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.file.FileSessionStore;
import dev.keycard.session.store.jdbc.JdbcSessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.web.DefaultSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the choice of session store by {@link SessionAutoConfiguration}.
 */
class SessionStoreAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa");

	@Test
	void cookieStoreByDefaultCreatesNoServerSideStore() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SessionStore.class)
			.hasSingleBean(DefaultSessionManager.class));
	}

	@Test
	void memoryStoreIsCreatedOnRequest() {
		this.contextRunner.withPropertyValues("app.session.store=memory", "app.session.memory.max-sessions=5")
			.run((context) -> assertThat(context).hasSingleBean(MemorySessionStore.class)
				.hasSingleBean(DefaultSessionManager.class));
	}

	@Test
	void jdbcStoreOnAnEmbeddedDatabaseCreatesItsTableAndACleanupTask() {
		String table = "keycard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=" + table,
					"spring.datasource.url=jdbc:h2:mem:" + table)
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcSessionStore.class).hasSingleBean(ExpiredSessionCleanup.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				assertThat(jdbc.queryForObject("select count(*) from " + table, Integer.class)).isZero();
				assertThat(context.getBean(ExpiredSessionCleanup.class).isRunning()).isTrue();
			});
	}

	@Test
	void runningApplicationDeletesExpiredRowsEveryCleanupInterval() {
		String table = "keycard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=" + table,
					"app.session.jdbc.cleanup-interval=100ms", "spring.datasource.url=jdbc:h2:mem:" + table)
			.run((context) -> {
				SessionStore store = context.getBean(SessionStore.class);
				String expired = storeKey();
				String live = storeKey();
				store.save(expired, changes(Instant.now().minusSeconds(1)));
				store.save(live, changes(Instant.now().plus(Duration.ofHours(1))));
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				Awaitility.await("the expired row deleted")
					.atMost(Duration.ofSeconds(10))
					.until(() -> jdbc.queryForObject("select count(*) from " + table + " where id = ?", Integer.class,
							expired) == 0);
				assertThat(store.load(live)).isNotNull();
			});
	}

	@Test
	void runningApplicationDeletesExpiredFilesEveryCleanupInterval(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("app.session.store=file", "app.session.file.directory=" + directory,
					"app.session.file.cleanup-interval=100ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(FileSessionStore.class).hasSingleBean(ExpiredSessionCleanup.class);
				SessionStore store = context.getBean(SessionStore.class);
				String expired = storeKey();
				String live = storeKey();
				store.save(expired, changes(Instant.now().minusSeconds(1)));
				store.save(live, changes(Instant.now().plus(Duration.ofHours(1))));
				Awaitility.await("the expired file deleted")
					.atMost(Duration.ofSeconds(10))
					.until(() -> !Files.exists(directory.resolve(expired + ".json")));
				assertThat(directory.resolve(live + ".json")).exists();
			});
	}

	private static String storeKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
	}

	private static SessionChanges changes(Instant expiresAt) {
		return new SessionChanges(true, Map.of("user", "\"bruce\""), Set.of(), expiresAt.minus(Duration.ofHours(2)),
				expiresAt);
	}

	@Test
	void jdbcStoreWithInitializeSchemaNeverCreatesNoTable() {
		String table = "keycard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=" + table,
					"app.session.jdbc.initialize-schema=never", "spring.datasource.url=jdbc:h2:mem:" + table)
			.run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				assertThat(jdbc.queryForObject(
						"select count(*) from information_schema.tables where lower(table_name) = ?", Integer.class,
						table))
					.isZero();
			});
	}

	@Test
	void jdbcStoreWithoutADataSourceFailsSayingWhatIsMissing() {
		this.contextRunner.withPropertyValues("app.session.store=jdbc").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'app.session.store' is 'jdbc'", "DataSource");
			assertThat(analysis.getAction()).contains("spring.datasource");
		});
	}

	@Test
	void unknownInitializeSchemaFails() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.initialize-schema=sometimes",
					"spring.datasource.url=jdbc:h2:mem:unknown-mode")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.jdbc.initialize-schema' is 'sometimes'");
				assertThat(analysis.getAction()).contains("always, embedded");
			});
	}

	@Test
	void redisStoreWithoutSpringDataRedisFailsNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("app.session.store=redis")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Spring Data Redis is not on the classpath");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void userStoreWinsOverTheStoreProperty() {
		this.contextRunner.withUserConfiguration(UserStore.class)
			.withPropertyValues("app.session.store=memory")
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionStore.class).hasBean("userStore");
				assertThat(context).doesNotHaveBean("memorySessionStore");
			});
	}

	@Test
	void userStoreWorksWhateverTheStoreProperty() {
		this.contextRunner.withUserConfiguration(UserStore.class)
			.withPropertyValues("app.session.store=anything-else")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DefaultSessionManager.class));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidSessionPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		SessionStore userStore() {
			return new MemorySessionStore(10, Clock.systemUTC());
		}

	}

}
