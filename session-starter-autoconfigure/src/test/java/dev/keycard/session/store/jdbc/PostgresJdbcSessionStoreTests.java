package dev.keycard.session.store.jdbc;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
