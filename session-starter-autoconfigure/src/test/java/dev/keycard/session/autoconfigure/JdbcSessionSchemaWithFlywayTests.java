package dev.keycard.session.autoconfigure;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.jdbc.JdbcSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session table created by the application's Flyway migration: Keycard's store waits for
 * it, as Boot orders every bean that depends on database initialization after Flyway, so the
 * table check at startup finds the table.
 */
class JdbcSessionSchemaWithFlywayTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
				SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", "app.session.store=jdbc",
				"spring.flyway.locations=classpath:db/keycard");

	@Test
	void tableMigratedByFlywayIsThereBeforeTheStoreChecksIt() {
		String table = "flyway_sessions_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table, "app.session.jdbc.table-name=" + table,
					"app.session.jdbc.initialize-schema=never", "spring.flyway.placeholders.table=" + table,
					"spring.flyway.placeholders.index=" + table + "_expires_at_idx",
					"spring.flyway.placeholders.principal_index=" + table + "_principal_idx")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("jdbcSessionSchemaInitializer");
				JdbcSessionStore store = context.getBean(JdbcSessionStore.class);
				String key = SessionIdCodec.storeKey(new byte[32]);
				Instant now = Instant.now();
				store.save(key, new SessionChanges(true, Map.of("user", "\"bruce\""), Set.of(), now,
						now.plusSeconds(60)));
				assertThat(store.load(key).attributes()).containsEntry("user", "\"bruce\"");
			});
	}

	@Test
	void keycardsOwnInitializationRunsBesideFlyway() {
		String table = "both_sessions_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + table, "app.session.jdbc.table-name=" + table,
					"app.session.jdbc.initialize-schema=always", "spring.flyway.placeholders.table=flyway_" + table,
					"spring.flyway.placeholders.index=flyway_" + table + "_expires_at_idx",
					"spring.flyway.placeholders.principal_index=flyway_" + table + "_principal_idx")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionStore.class)
				.hasBean("jdbcSessionSchemaInitializer"));
	}

}
