package dev.keycard.session.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.keycard.session.store.SessionChanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Tests for {@link JdbcSessionStore} on the PostgreSQL server at 127.0.0.1:5432.
 */
class PostgresJdbcSessionStoreTests extends AbstractJdbcSessionStoreTests {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Override
	protected boolean comparesAndSets() {
		return true;
	}

	@Override
	protected HikariDataSource createDataSource() {
		return pool(URL, "postgres", "");
	}

	@ParameterizedTest
	@ValueSource(strings = { "keycard_session; DROP TABLE users", "keycard session", "keycard_session--",
			"\"keycard_session\"", "a.b.c", "1keycard", "" })
	void tableNameThatIsNotAPlainIdentifierIsRefusedBeforeAnySql(String tableName) {
		DataSource unusable = mock(DataSource.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcSessionStore(unusable, tableName, Clock.systemUTC()))
			.withMessageContaining("is not a plain SQL identifier")
			.withMessageContaining("app.session.jdbc.table-name");
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcSessionSchemaInitializer.createTable(unusable, tableName))
			.withMessageContaining("is not a plain SQL identifier");
		verifyNoInteractions(unusable);
	}

	@Test
	void refreshThatOnlyMovesTheExpiryIsCommittedWithoutWaitingForTheDisk() throws SQLException {
		String key = newKey();
		store().save(key, create(Map.of("a", "1")));
		Instant later = now().plus(Duration.ofHours(3));
		// One connection, not committed by the store: what the refresh's own transaction runs
		// with can be read before it ends.
		try (Connection connection = dataSource().getConnection()) {
			connection.setAutoCommit(false);
			SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
			JdbcSessionStore store = new JdbcSessionStore(single, table(), Clock.systemUTC());
			assertThat(store.save(key, new SessionChanges(false, Map.of(), Set.of(), now(), later))).isTrue();
			JdbcTemplate sameConnection = new JdbcTemplate(single);
			assertThat(sameConnection.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
			connection.commit();
			assertThat(sameConnection.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
			assertThat(store().load(key).expiresAt()).isEqualTo(later);
			// A change to the attributes is committed durably.
			assertThat(store.save(key, update(Map.of("a", "2"), Set.of()))).isTrue();
			assertThat(sameConnection.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
			connection.commit();
		}
		assertThat(store().load(key).attributes()).containsEntry("a", "2");
	}

	@Test
	void refreshInsideTheCallersTransactionLeavesItsDurabilityAlone() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1")));
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource()));
		String setting = transaction.execute((status) -> {
			store().save(key, new SessionChanges(false, Map.of(), Set.of(), now(), now().plus(Duration.ofHours(3))));
			return jdbc().queryForObject("SHOW synchronous_commit", String.class);
		});
		assertThat(setting).isEqualTo("on");
		assertThat(store().load(key).expiresAt()).isAfter(now().plus(Duration.ofHours(2)));
	}

	@Test
	void tableQualifiedByItsSchemaIsCreatedAndUsed() {
		String table = "public." + uniqueTableName();
		try {
			JdbcSessionSchemaInitializer.createTable(dataSource(), table);
			JdbcSessionSchemaInitializer.createTable(dataSource(), table);
			JdbcSessionStore store = new JdbcSessionStore(dataSource(), table, Clock.systemUTC());
			String key = newKey();
			store.save(key, create(Map.of("where", "\"public\"")));
			assertThat(store.load(key).attributes()).containsEntry("where", "\"public\"");
		}
		finally {
			jdbc().execute("DROP TABLE IF EXISTS " + table);
		}
	}

}
