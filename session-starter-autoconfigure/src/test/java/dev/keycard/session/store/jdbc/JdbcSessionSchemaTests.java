package dev.keycard.session.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link JdbcSessionSchemaInitializer} that need no database; the scripts themselves run in the
 * store tests of each database.
 */
class JdbcSessionSchemaTests {

	@Test
	void databaseWithoutAScriptIsRefusedWithTheColumnsToCreate() throws SQLException {
		DataSource oracle = dataSourceReporting("Oracle");
		assertThatIllegalStateException()
			.isThrownBy(() -> JdbcSessionSchemaInitializer.createTable(oracle, "keycard_session"))
			.withMessageContaining("no script to create the session table")
			.withMessageContaining("schema-oracle.sql")
			.withMessageContaining("app.session.jdbc.initialize-schema=never")
			.withMessageContaining("id VARCHAR(64) primary key")
			.withMessageContaining("expires_at")
			.withMessageContaining("attributes");
	}

	private static DataSource dataSourceReporting(String productName) throws SQLException {
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(metaData.getDatabaseProductName()).willReturn(productName);
		Connection connection = mock(Connection.class);
		given(connection.getMetaData()).willReturn(metaData);
		DataSource dataSource = mock(DataSource.class);
		given(dataSource.getConnection()).willReturn(connection);
		return dataSource;
	}

}
