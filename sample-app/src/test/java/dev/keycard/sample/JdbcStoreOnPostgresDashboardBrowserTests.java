package dev.keycard.sample;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium on the JDBC store, with the real PostgreSQL at 127.0.0.1:5432.
 */
class JdbcStoreOnPostgresDashboardBrowserTests extends AbstractDashboardBrowserTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "jdbc");
		registry.add("app.session.jdbc.initialize-schema", () -> "always");
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test");
		registry.add("spring.datasource.username", () -> "postgres");
	}

}
