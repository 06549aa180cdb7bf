package dev.keycard.session.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What differs between databases in the statements of the session table: replacing a row in
 * one statement, comparing attributes exactly, and deleting expired rows in batches that
 * several nodes can run at once.
 */
enum SessionTableDialect {

	POSTGRESQL("schema-postgresql.sql", "attributes = ?") {

		@Override
		String upsert(String table) {
			return "INSERT INTO " + table + " (id, created_at, expires_at, attributes) VALUES (?, ?, ?, ?)"
					+ " ON CONFLICT (id) DO UPDATE SET created_at = EXCLUDED.created_at,"
					+ " expires_at = EXCLUDED.expires_at, attributes = EXCLUDED.attributes";
		}

		@Override
		String deleteExpiredBatch(String table) {
			// Rows another node is deleting are skipped, not waited for.
			return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
					+ " WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)";
		}

	},

	/** MySQL and MariaDB. */
	MYSQL("schema-mysql.sql", "CAST(attributes AS BINARY) = CAST(? AS BINARY)") {

		@Override
		String upsert(String table) {
			return "REPLACE INTO " + table + " (id, created_at, expires_at, attributes) VALUES (?, ?, ?, ?)";
		}

		@Override
		String deleteExpiredBatch(String table) {
			return "DELETE FROM " + table + " WHERE expires_at <= ? LIMIT ?";
		}

	},

	H2("schema-h2.sql", null) {

		@Override
		String upsert(String table) {
			return "MERGE INTO " + table + " (id, created_at, expires_at, attributes) KEY (id) VALUES (?, ?, ?, ?)";
		}

		@Override
		String deleteExpiredBatch(String table) {
			return "DELETE FROM " + table + " WHERE expires_at <= ? LIMIT ?";
		}

	},

	/**
	 * Any other database whose table the user created: a new row replaces the previous one with
	 * a delete and an insert in one transaction, and expired rows go in one statement.
	 */
	STANDARD(null, null) {

		@Override
		@Nullable String upsert(String table) {
			return null;
		}

		@Override
		@Nullable String deleteExpiredBatch(String table) {
			return null;
		}

	};

	private final @Nullable String schemaScript;

	private final @Nullable String attributesUnchanged;

	SessionTableDialect(@Nullable String schemaScript, @Nullable String attributesUnchanged) {
		this.schemaScript = schemaScript;
		this.attributesUnchanged = attributesUnchanged;
	}

	/**
	 * Return the condition that the attributes are still, byte for byte, the text given as its
	 * parameter, for a compare-and-set: PostgreSQL compares text exactly; MySQL and MariaDB do
	 * once cast to binary, whatever the column's collation. H2 cannot compare its large objects,
	 * and what other databases' collations do is unknown.
	 * @return the condition, or {@code null} if the database has none Keycard relies on
	 */
	@Nullable String attributesUnchanged() {
		return this.attributesUnchanged;
	}

	/**
	 * Return the name of the schema script, a resource beside this class.
	 * @return the script, or {@code null} if Keycard has none for this database
	 */
	@Nullable String schemaScript() {
		return this.schemaScript;
	}

	/**
	 * Return the statement that inserts a row or replaces the one with the same id, taking the
	 * id, created_at, expires_at and attributes.
	 * @param table the table
	 * @return the statement, or {@code null} if the database has none
	 */
	abstract @Nullable String upsert(String table);

	/**
	 * Return the statement that deletes at most a number of expired rows, taking the current
	 * time and that number.
	 * @param table the table
	 * @return the statement, or {@code null} if the database has none
	 */
	abstract @Nullable String deleteExpiredBatch(String table);

	/**
	 * Return the dialect of a database.
	 * @param driver the database
	 * @return its dialect, {@link #STANDARD} if Keycard has no specific one
	 */
	static SessionTableDialect of(DatabaseDriver driver) {
		return switch (driver) {
			case POSTGRESQL -> POSTGRESQL;
			case MYSQL, MARIADB -> MYSQL;
			case H2 -> H2;
			default -> STANDARD;
		};
	}

	/**
	 * Return the database a connection is to, from its metadata.
	 * @param connection the connection
	 * @return the database, {@link DatabaseDriver#UNKNOWN} if Boot does not know it
	 * @throws SQLException if the metadata cannot be read
	 */
	static DatabaseDriver databaseOf(Connection connection) throws SQLException {
		return DatabaseDriver.fromProductName(connection.getMetaData().getDatabaseProductName());
	}

}
