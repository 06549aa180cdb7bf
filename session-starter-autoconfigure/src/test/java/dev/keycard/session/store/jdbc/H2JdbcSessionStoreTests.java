package dev.keycard.session.store.jdbc;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.Driver;

import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcSessionStore} on an in-memory H2 database.
 */
class H2JdbcSessionStoreTests extends AbstractJdbcSessionStoreTests {

	@Override
	protected HikariDataSource createDataSource() {
		return pool("jdbc:h2:mem:keycard_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Test
	void inMemoryH2IsEmbedded() {
		assertThat(EmbeddedDatabaseConnection.isEmbedded(dataSource())).isTrue();
	}

	@Test
	void postgresqlServerIsNotEmbedded() {
		SimpleDriverDataSource postgres = new SimpleDriverDataSource(new Driver(), PostgresJdbcSessionStoreTests.URL,
				"postgres", "");
		assertThat(new JdbcTemplate(postgres).queryForObject("SELECT 1", Integer.class)).isOne();
		assertThat(EmbeddedDatabaseConnection.isEmbedded(postgres)).isFalse();
	}

	/**
	 * The contract on a database Keycard has no dialect for, played by H2: replacing a row by a
	 * delete and an insert, deleting expired rows in one statement.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class StandardSql extends AbstractSessionStoreTests {

		private JdbcSessionStore store;

		@BeforeAll
		void createStore() {
			this.store = new JdbcSessionStore(dataSource(), createTable(), Clock.systemUTC(),
					SessionTableDialect.STANDARD);
		}

		@Override
		protected SessionStore store() {
			return this.store;
		}

		@Test
		void deleteExpiredRemovesOnlyExpiredRows() {
			JdbcSessionStore store = new JdbcSessionStore(dataSource(), createTable(), Clock.systemUTC(),
					SessionTableDialect.STANDARD);
			String live = newKey();
			store.save(live, create(Map.of("live", "true")));
			store.save(newKey(), new SessionChanges(true, Map.of("live", "false"), Set.of(), now().minusSeconds(60),
					now().minusSeconds(1)));
			assertThat(store.deleteExpired()).isOne();
			assertThat(store.load(live)).isNotNull();
		}

	}

}
