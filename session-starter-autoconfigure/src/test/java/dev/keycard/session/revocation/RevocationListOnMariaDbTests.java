package dev.keycard.session.revocation;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keycard.session.store.jdbc.JdbcRevocationStore;

/**
 * Revocation lists sharing the real MariaDB at 127.0.0.1:3306, found by polling: no change
 * is pushed.
 */
class RevocationListOnMariaDbTests extends AbstractRevocationListTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:mariadb://127.0.0.1:3306/test", "root", "");

	private final String prefix = "keycard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
			+ "_";

	@BeforeEach
	void createTables() {
		((JdbcRevocationStore) store()).initialize();
	}

	@AfterEach
	void dropTables() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		for (String table : new String[] { "revocation_version", "revocation", "issued_session" }) {
			jdbc.execute("DROP TABLE IF EXISTS " + this.prefix + table);
		}
	}

	@Override
	RevocationStore store() {
		return new JdbcRevocationStore(this.dataSource, this.prefix, Clock.systemUTC());
	}

	@Override
	RevocationStore unreachableStore() {
		DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:mariadb://127.0.0.1:1/test?connectTimeout=1000",
				"root", "");
		return new JdbcRevocationStore(nowhere, this.prefix, Clock.systemUTC());
	}

	@Override
	void emptyTheStore() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM " + this.prefix + "revocation");
		jdbc.update("UPDATE " + this.prefix + "revocation_version SET version = 0, chain = '0'");
	}

}
