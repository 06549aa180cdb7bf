package dev.keycard.session.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What differs between databases in the statements of the session table: replacing a row in
 * one statement, writing changes with one compare-and-set, and deleting expired rows in
 * batches that several nodes can run at once. {@code ${table}} stands for the table.
 */
enum SessionTableDialect {

	POSTGRESQL("""
			INSERT INTO ${table} (id, created_at, expires_at, attributes, principal_key) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
			attributes = EXCLUDED.attributes, principal_key = EXCLUDED.principal_key""", """
			UPDATE ${table} SET expires_at = ?, attributes = ?, principal_key = ?
			WHERE id = ? AND expires_at > ? AND attributes = ?""",
			// Rows another node is deleting are skipped, not waited for.
			"""
			DELETE FROM ${table} WHERE id IN
			(SELECT id FROM ${table} WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)""",
			// The setting is local to the statement's own transaction: its commit is not waited
			// for on disk (see relaxedRefresh()).
			"""
			WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
			UPDATE ${table} SET expires_at = ? WHERE id = ? AND expires_at > ? AND EXISTS (SELECT 1 FROM relaxed)"""),

	/** MySQL and MariaDB: text compared once cast to binary, whatever the column's collation. */
	MYSQL("""
			REPLACE INTO ${table} (id, created_at, expires_at, attributes, principal_key) VALUES (?, ?, ?, ?, ?)""", """
			UPDATE ${table} SET expires_at = ?, attributes = ?, principal_key = ? WHERE id = ? AND expires_at > ?
			AND CAST(attributes AS BINARY) = CAST(? AS BINARY)""", """
			DELETE FROM ${table} WHERE expires_at <= ? LIMIT ?""", null),

	/** H2 cannot compare its large objects, so it has no compare-and-set. */
	H2("""
			MERGE INTO ${table} (id, created_at, expires_at, attributes, principal_key) KEY (id) VALUES (?, ?, ?, ?, ?)""",
			null, """
			DELETE FROM ${table} WHERE expires_at <= ? LIMIT ?""", null),

	/**
	 * Any other database whose table the user created: a new row replaces the previous one with
	 * a delete and an insert in one transaction, changes are merged under a row lock, and
	 * expired rows go in one statement.
	 */
	STANDARD(null, null, null, null);

	private final @Nullable String upsert;

	private final @Nullable String updateIfUnchanged;

	private final @Nullable String deleteExpiredBatch;

	private final @Nullable String relaxedRefresh;

	SessionTableDialect(@Nullable String upsert, @Nullable String updateIfUnchanged,
			@Nullable String deleteExpiredBatch, @Nullable String relaxedRefresh) {
		this.upsert = upsert;
		this.updateIfUnchanged = updateIfUnchanged;
		this.deleteExpiredBatch = deleteExpiredBatch;
		this.relaxedRefresh = relaxedRefresh;
	}

	/**
	 * The statement that inserts a row or replaces the one with the same id, taking the id,
	 * created_at, expires_at, attributes and principal_key; {@code null} if the database has none.
	 */
	@Nullable String upsert() {
		return this.upsert;
	}

	/**
	 * The statement that writes expires_at, attributes and principal_key of an unexpired row
	 * only if its attributes are still, byte for byte, the last parameter; {@code null} if the database
	 * has no comparison Keycard relies on.
	 */
	@Nullable String updateIfUnchanged() {
		return this.updateIfUnchanged;
	}

	/**
	 * The statement that deletes at most a number of expired rows, taking the current time and
	 * that number; {@code null} if the database has none.
	 */
	@Nullable String deleteExpiredBatch() {
		return this.deleteExpiredBatch;
	}

	/**
	 * The statement that moves an unexpired row's expiry, as the standard refresh does (the
	 * expiry, the id, the current time), committed without waiting for the disk; {@code null}
	 * if the database has no durability setting per transaction. Only a refresh may be relaxed:
	 * a database crash loses at most the last few hundred milliseconds of them, and a lost
	 * refresh leaves the session its previous expiry, still at least half its idle timeout
	 * away when the refresh was due. Changes to attributes are always committed durably.
	 */
	@Nullable String relaxedRefresh() {
		return this.relaxedRefresh;
	}

	/**
	 * Return the dialect of a database.
	 * @param connection a connection to it
	 * @return its dialect, {@link #STANDARD} if Keycard has no specific one
	 * @throws SQLException if the metadata cannot be read
	 */
	static SessionTableDialect of(Connection connection) throws SQLException {
		return switch (DatabaseDriver.fromProductName(connection.getMetaData().getDatabaseProductName())) {
			case POSTGRESQL -> POSTGRESQL;
			case MYSQL, MARIADB -> MYSQL;
			case H2 -> H2;
			default -> STANDARD;
		};
	}

}
