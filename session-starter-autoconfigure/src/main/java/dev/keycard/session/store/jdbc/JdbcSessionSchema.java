package dev.keycard.session.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.Assert;

/**
 * Creates the table of the {@link JdbcSessionStore}, with the script Keycard has for the
 * database: PostgreSQL, MySQL, MariaDB or H2. The scripts only create what is missing, so
 * running one on every startup is safe. They are in the Keycard jar as
 * {@code dev/keycard/session/store/jdbc/schema-<database>.sql}, with {@code ${table}} and
 * {@code ${index}} to replace, for whoever creates the table by hand or with Flyway or
 * Liquibase.
 */
public final class JdbcSessionSchema {

	private JdbcSessionSchema() {
	}

	/**
	 * Create the session table and its index, unless they exist.
	 * @param dataSource the database
	 * @param tableName the table, checked as by {@link JdbcSessionStore}
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 * @throws IllegalStateException if Keycard has no script for the database
	 * @throws org.springframework.dao.DataAccessException if the script fails
	 */
	public static void initialize(DataSource dataSource, String tableName) {
		Assert.notNull(dataSource, "dataSource must not be null");
		SessionTableName table = SessionTableName.of(tableName);
		String product = new JdbcTemplate(dataSource).execute(JdbcSessionSchema::productName);
		String script = SessionTableDialect.of(DatabaseDriver.fromProductName(product)).schemaScript();
		if (script == null) {
			throw new IllegalStateException("Keycard has no script to create the session table '" + table + "' on "
					+ product + ": set app.session.jdbc.initialize-schema=never and create it yourself, with the"
					+ " columns id VARCHAR(64) primary key, created_at BIGINT not null, expires_at BIGINT not null"
					+ " (epoch milliseconds), attributes a text type of unlimited length not null,"
					+ " and an index on expires_at");
		}
		String sql = read(script).replace("${table}", table.qualified()).replace("${index}", table.index());
		new ResourceDatabasePopulator(new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8),
				script + " for table " + table))
			.execute(dataSource);
	}

	/**
	 * Return whether a database is embedded, in this process, as Spring Boot decides it: an
	 * in-memory H2, HSQLDB or Derby. Keycard creates the table by default only on such a
	 * database ({@code app.session.jdbc.initialize-schema=embedded}).
	 * @param dataSource the database
	 * @return whether it is embedded
	 */
	public static boolean isEmbedded(DataSource dataSource) {
		return EmbeddedDatabaseConnection.isEmbedded(dataSource);
	}

	private static String productName(Connection connection) throws SQLException {
		return connection.getMetaData().getDatabaseProductName();
	}

	private static String read(String script) {
		try {
			return new ClassPathResource(script, JdbcSessionSchema.class).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycard's " + script + " cannot be read", ex);
		}
	}

}
