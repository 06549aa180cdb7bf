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
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.file.FileSessionStore;
import dev.keycard.session.store.jdbc.JdbcSessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.store.redis.RedisNearCache;
import dev.keycard.session.store.redis.RedisSessionStore;
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
	void jdbcStoreWithInitializeSchemaNeverCreatesNoTableAndReportsTheMissingOneAtStartup() {
		String table = "keycard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=" + table,
					"app.session.jdbc.initialize-schema=never",
					"spring.datasource.url=jdbc:h2:mem:" + table + ";DB_CLOSE_DELAY=-1")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.jdbc.table-name' is '" + table + "'",
						"cannot use");
				assertThat(analysis.getAction()).contains("schema-postgresql.sql", "Flyway",
						"app.session.jdbc.initialize-schema=always");
				JdbcTemplate jdbc = new JdbcTemplate(
						new DriverManagerDataSource("jdbc:h2:mem:" + table + ";DB_CLOSE_DELAY=-1", "sa", ""));
				assertThat(jdbc.queryForObject(
						"select count(*) from information_schema.tables where lower(table_name) = ?", Integer.class,
						table))
					.isZero();
			});
	}

	@Test
	void jdbcStoreWithoutADataSourceFailsSayingWhatIsMissing() {
		this.contextRunner.withPropertyValues("app.session.store=jdbc").run((context) -> {
			FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
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
				assertThat(context).hasFailed();
				BindException bind = null;
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					bind = (cause instanceof BindException found) ? found : bind;
				}
				assertThat(bind).as("a binding failure Boot reports with the valid values").isNotNull();
				assertThat(bind.getName()).hasToString("app.session.jdbc.initialize-schema");
				assertThat(bind).hasStackTraceContaining("sometimes");
				assertThat(bind.getTarget().getType().resolve()).isEqualTo(DatabaseInitializationMode.class);
			});
	}

	@Test
	void redisStoreWithoutSpringDataRedisFailsNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("app.session.store=redis")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.store' is 'redis'", "Spring Data Redis");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void redisStoreHasNoNearCacheUnlessItIsEnabled() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("app.session.store=redis")
			.run((context) -> assertThat(context).hasSingleBean(RedisSessionStore.class)
				.doesNotHaveBean(RedisNearCache.class));
	}

	@Test
	void nearCacheEnabledGivesTheRedisStoreATrackingNearCache() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("app.session.store=redis", "app.session.redis.near-cache.enabled=true",
					"app.session.redis.near-cache.max-sessions=50", "app.session.redis.near-cache.time-to-live=5")
			.run((context) -> {
				SessionProperties.Redis.NearCache settings = context.getBean(SessionProperties.class)
					.getRedis()
					.getNearCache();
				assertThat(settings.getMaxSessions()).isEqualTo(50);
				assertThat(settings.getTimeToLive()).isEqualTo(Duration.ofSeconds(5));
				assertThat(context.getBean(RedisNearCache.class).isTracking()).isTrue();
				assertThat(context).hasSingleBean(RedisSessionStore.class);
			});
	}

	@Test
	void nearCacheOnRedisClusterFailsSayingWhatItNeeds() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("app.session.store=redis", "app.session.redis.near-cache.enabled=true",
					"spring.data.redis.cluster.nodes=127.0.0.1:6379")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.redis.near-cache.enabled' is true",
						"not Redis Cluster");
				assertThat(analysis.getAction()).contains("standalone or Sentinel Redis");
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
	void userStoreWorksWhateverStoreThePropertyNames() {
		this.contextRunner.withUserConfiguration(UserStore.class)
			.withPropertyValues("app.session.store=redis")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DefaultSessionManager.class));
	}

	@Test
	void twoUserStoresWithoutAPrimaryFailNamingBoth() {
		this.contextRunner.withUserConfiguration(TwoUserStores.class)
			.withPropertyValues("app.session.store=memory")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("2 SessionStore beans and none is @Primary")
					.contains("'firstStore' (class " + MemorySessionStore.class.getName() + ")")
					.contains("'secondStore'")
					.doesNotContain("memory store's dependencies");
				assertThat(analysis.getAction()).contains("@Primary");
			});
	}

	@Test
	void twoUserStoresOneOfThemPrimaryUseThePrimary() {
		this.contextRunner.withUserConfiguration(TwoUserStores.class, PrimaryUserStore.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DefaultSessionManager.class));
	}

	@Test
	void missingTableOnPostgresqlIsReportedAtStartupNotOnTheFirstRequest() {
		String table = "keycard_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=" + table,
					"spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "spring.datasource.username=postgres")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.jdbc.table-name' is '" + table + "'",
						"does not exist");
				assertThat(analysis.getAction()).contains("schema-postgresql.sql");
			});
	}

	@Test
	void tableNameThatIsNotAnIdentifierFailsWithAReport() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.table-name=sessions; drop table users",
					"spring.datasource.url=jdbc:h2:mem:bad-name")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.jdbc.table-name'", "not a plain SQL identifier");
				assertThat(analysis.getAction()).contains("letters, digits and underscores");
			});
	}

	@Test
	void embeddedDatabaseWithoutAScriptOfKeycardsFailsWithAReport() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("app.session.store=jdbc", "app.session.jdbc.platform=hsqldb",
					"spring.datasource.url=jdbc:h2:mem:no-script")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.jdbc.initialize-schema'",
						"no script to create the session table", "schema-hsqldb.sql", "expires_at");
				assertThat(analysis.getAction()).contains("app.session.jdbc.initialize-schema to never");
			});
	}

	@Test
	void nonPositiveCleanupIntervalFailsWithAReport(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("app.session.store=file", "app.session.file.directory=" + directory,
					"app.session.file.cleanup-interval=0")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.file.cleanup-interval' is PT0S",
						"must be positive");
				assertThat(analysis.getAction()).contains("5m");
			});
	}

	@Test
	void unusableFileDirectoryFailsWithAReport(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
		this.contextRunner.withPropertyValues("app.session.store=file", "app.session.file.directory=" + file)
			.run((context) -> {
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'app.session.file.directory' is '" + file + "'",
						"cannot use");
				assertThat(analysis.getAction()).contains("a directory this process can create and write");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoUserStores {

		@Bean
		SessionStore firstStore() {
			return new MemorySessionStore(10, Clock.systemUTC());
		}

		@Bean
		SessionStore secondStore() {
			return new MemorySessionStore(10, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryUserStore {

		@Bean
		@Primary
		SessionStore primaryStore() {
			return new MemorySessionStore(10, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		SessionStore userStore() {
			return new MemorySessionStore(10, Clock.systemUTC());
		}

	}

}
