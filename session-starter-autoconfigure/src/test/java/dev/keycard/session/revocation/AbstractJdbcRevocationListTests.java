package dev.keycard.session.revocation;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keycard.session.store.jdbc.JdbcRevocationStore;

/**
 * Revocation lists sharing a real SQL database, found by polling: no change is pushed. Each
 * test works in tables of its own, dropped after it.
 */
abstract class AbstractJdbcRevocationListTests extends AbstractRevocationListTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(url(), username(), "");

	private final String prefix = "keycard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
			+ "_";

	/** The database's JDBC URL. */
	abstract String url();

	/** A URL of the same database on a port nothing listens on, with a short connect timeout. */
	abstract String unreachableUrl();

	abstract String username();

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
		DriverManagerDataSource nowhere = new DriverManagerDataSource(unreachableUrl(), username(), "");
		return new JdbcRevocationStore(nowhere, this.prefix, Clock.systemUTC());
	}

	@Override
	void emptyTheStore() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM " + this.prefix + "revocation");
		jdbc.update("UPDATE " + this.prefix + "revocation_version SET version = 0, chain = '0'");
	}

}
