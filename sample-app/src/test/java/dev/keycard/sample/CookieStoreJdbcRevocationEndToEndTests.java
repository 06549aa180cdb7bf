package dev.keycard.sample;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cookie sessions revoked through the real PostgreSQL at 127.0.0.1:5432, which the other
 * instance polls.
 */
class CookieStoreJdbcRevocationEndToEndTests extends AbstractCookieRevocationEndToEndTests {

	private static final String PREFIX = "keycard_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
			+ "_";

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@DynamicPropertySource
	static void revocation(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "cookie");
		registry.add("app.session.revocation.store", () -> "jdbc");
		registry.add("app.session.revocation.table-prefix", () -> PREFIX);
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> "postgres");
	}

	@AfterAll
	void dropTables() {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));
		for (String table : new String[] { "revocation_version", "revocation", "issued_session" }) {
			jdbc.execute("DROP TABLE IF EXISTS " + PREFIX + table);
		}
	}

	@Override
	String[] revocationArguments() {
		return new String[] { "--app.session.revocation.store=jdbc", "--app.session.revocation.table-prefix=" + PREFIX,
				"--spring.datasource.url=" + URL, "--spring.datasource.username=postgres" };
	}

}
