package dev.keycard.sample;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on the JDBC store with the real PostgreSQL at 127.0.0.1:5432.
 */
class JdbcStoreOnPostgresEndToEndTests extends AbstractStoreEndToEndTests {

	static final String TABLE = "keycard_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private static JdbcTemplate cleanup;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "jdbc");
		registry.add("app.session.jdbc.table-name", () -> TABLE);
		registry.add("app.session.jdbc.initialize-schema", () -> "always");
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test");
		registry.add("spring.datasource.username", () -> "postgres");
	}

	@Test
	void oneRowPerSession() {
		cleanup = this.jdbc;
		Integer before = this.jdbc.queryForObject("select count(*) from " + TABLE, Integer.class);
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		browser.get("/visits");
		Browser.open(this.port).get("/visits");
		assertThat(this.jdbc.queryForObject("select count(*) from " + TABLE, Integer.class)).isEqualTo(before + 2);
	}

	@AfterAll
	static void dropTable() {
		if (cleanup != null) {
			cleanup.execute("drop table if exists " + TABLE);
		}
	}

}
