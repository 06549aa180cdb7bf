package dev.keycard.sample;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code maximumSessions} on the JDBC store, with the real PostgreSQL at 127.0.0.1:5432, in a
 * table of its own, dropped afterwards.
 */
class PostgresMaximumSessionsEndToEndTests extends AbstractMaximumSessionsEndToEndTests {

	private static final String TABLE = "keycard_limit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "jdbc");
		registry.add("app.session.jdbc.table-name", () -> TABLE);
		registry.add("app.session.jdbc.initialize-schema", () -> "always");
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test");
		registry.add("spring.datasource.username", () -> "postgres");
	}

	@AfterAll
	static void dropTable() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test",
				"postgres", "");
		new JdbcTemplate(dataSource).execute("drop table if exists " + TABLE);
	}

}
