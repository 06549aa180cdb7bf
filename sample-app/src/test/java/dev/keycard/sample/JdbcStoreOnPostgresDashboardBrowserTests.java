package dev.keycard.sample;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium on the JDBC store, with the real PostgreSQL at 127.0.0.1:5432.
 */
class JdbcStoreOnPostgresDashboardBrowserTests extends AbstractDashboardBrowserTests {

	/** A table of this run's own, so that no session of an earlier run is listed; dropped at the end. */
	private static final String TABLE = "keycard_dashboard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	@AfterAll
	static void dropTable() {
		new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""))
			.execute("DROP TABLE IF EXISTS " + TABLE);
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "jdbc");
		registry.add("app.session.jdbc.initialize-schema", () -> "always");
		registry.add("app.session.jdbc.table-name", () -> TABLE);
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test");
		registry.add("spring.datasource.username", () -> "postgres");
	}

}
