package dev.keycard.session.store.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Every statement of the session table, written once for one table and one database. The
 * columns: {@code id} (the store key), {@code created_at} and {@code expires_at} (epoch
 * milliseconds), {@code attributes} (one JSON document), {@code principal_key} (the
 * {@code PrincipalKey} of the session's principal, or null).
 */
record SessionTableStatements(String load, String lock, String update, String refresh, String insert, String delete,
		String deleteExpired, String findByPrincipal, @Nullable String upsert, @Nullable String updateIfUnchanged,
		@Nullable String deleteExpiredBatch, @Nullable String relaxedRefresh) {

	private static final String LOAD = """
			SELECT created_at, expires_at, attributes FROM ${table} WHERE id = ? AND expires_at > ?""";

	private static final String LOCK = """
			SELECT attributes FROM ${table} WHERE id = ? AND expires_at > ? FOR UPDATE""";

	private static final String UPDATE = """
			UPDATE ${table} SET expires_at = ?, attributes = ?, principal_key = ? WHERE id = ?""";

	/** Only the expiry moves, so one conditional statement is atomic on its own. */
	private static final String REFRESH = """
			UPDATE ${table} SET expires_at = ? WHERE id = ? AND expires_at > ?""";

	private static final String INSERT = """
			INSERT INTO ${table} (id, created_at, expires_at, attributes, principal_key) VALUES (?, ?, ?, ?, ?)""";

	private static final String DELETE = """
			DELETE FROM ${table} WHERE id = ?""";

	private static final String DELETE_EXPIRED = """
			DELETE FROM ${table} WHERE expires_at <= ?""";

	private static final String FIND_BY_PRINCIPAL = """
			SELECT id, created_at, expires_at, attributes FROM ${table} WHERE principal_key = ? AND expires_at > ?""";

	/** Reads nothing, but fails if the table or one of its columns is missing. */
	static final String CHECK = """
			SELECT id, created_at, expires_at, attributes, principal_key FROM ${table} WHERE 1 = 0""";

	static SessionTableStatements of(SessionTableName table, SessionTableDialect dialect) {
		return new SessionTableStatements(table.in(LOAD), table.in(LOCK), table.in(UPDATE), table.in(REFRESH),
				table.in(INSERT), table.in(DELETE), table.in(DELETE_EXPIRED), table.in(FIND_BY_PRINCIPAL), table.inIfAny(dialect.upsert()),
				table.inIfAny(dialect.updateIfUnchanged()), table.inIfAny(dialect.deleteExpiredBatch()),
				table.inIfAny(dialect.relaxedRefresh()));
	}

}
