package dev.keycard.session.store.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The name of the session table, checked to be a plain SQL identifier because it is written
 * into every statement: a name that could carry SQL is refused before anything runs.
 *
 * @param qualified the name as written in statements, with its schema if it has one
 * @param index the name of the index on {@code expires_at}, unqualified because PostgreSQL and
 * H2 create an index in its table's schema
 * @param principalIndex the name of the index on {@code principal_key}, unqualified too
 */
record SessionTableName(String qualified, String index, String principalIndex) {

	private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?([A-Za-z_][A-Za-z0-9_]*)");

	/**
	 * Check a table name.
	 * @param tableName the name, such as {@code keycard_session} or {@code app.keycard_session}
	 * @return the checked name
	 * @throws IllegalArgumentException if it is not letters, digits and underscores, with at
	 * most one schema qualifier
	 */
	static SessionTableName of(String tableName) {
		Assert.notNull(tableName, "tableName must not be null");
		Matcher matcher = NAME.matcher(tableName);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Session table name '" + tableName
					+ "' is not a plain SQL identifier: use letters, digits and underscores, not starting with a digit,"
					+ " optionally after a schema name and a dot, such as keycard_session or app.keycard_session"
					+ " (app.session.jdbc.table-name)");
		}
		return new SessionTableName(tableName, matcher.group(2) + "_expires_at_idx",
				matcher.group(2) + "_principal_idx");
	}

	/** Return a statement with {@code ${table}} replaced by this table. */
	String in(String statement) {
		return statement.replace("${table}", this.qualified);
	}

	/** Return a statement with {@code ${table}} replaced by this table, if there is a statement. */
	@Nullable String inIfAny(@Nullable String statement) {
		return (statement != null) ? in(statement) : null;
	}

	@Override
	public String toString() {
		return this.qualified;
	}

}
