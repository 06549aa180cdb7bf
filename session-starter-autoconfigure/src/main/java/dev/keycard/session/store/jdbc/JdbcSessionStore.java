package dev.keycard.session.store.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Keeps sessions in a table of a relational database, one row per session: the store key, the
 * creation and expiry times in epoch milliseconds, the attributes as one JSON document, and the
 * {@code PrincipalKey} of the session's principal, indexed, so that a user's sessions are one
 * query away.
 * Sessions are shared by every node that uses the database and survive restarts.
 *
 * <p>The table must exist: create it with the script for your database,
 * {@code dev/keycard/session/store/jdbc/schema-postgresql.sql}, {@code schema-mysql.sql},
 * {@code schema-mariadb.sql} or {@code schema-h2.sql} in the Keycard jar, or let
 * {@link JdbcSessionSchemaInitializer} run it ({@code app.session.jdbc.initialize-schema}). The
 * application checks it at startup with {@link #checkTable()}. On another database, create a table with
 * the same columns; the store then uses standard SQL, which needs {@code SELECT ... FOR UPDATE}.
 *
 * <p>A change to the attributes of an existing session is written with one conditional
 * {@code UPDATE} if the row still holds the attributes it was loaded with (PostgreSQL, MySQL,
 * MariaDB). Otherwise, as on other databases, the row is locked, the changes merged into the
 * stored attributes and written back, in a transaction of its own (never the caller's). Either
 * way, two requests that change different attributes at the same time both survive. Expired rows
 * are never returned; call {@link #deleteExpired()} regularly to remove them.
 */
public final class JdbcSessionStore implements SessionStore {

	/** Rows deleted per statement by {@link #deleteExpired()}, so no statement holds many locks. */
	private static final int EXPIRED_BATCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final SessionTableName table;

	private final Clock clock;

	private volatile @Nullable SessionTableStatements statements;

	/**
	 * Create a store on a table that already exists, such as
	 * {@code new JdbcSessionStore(dataSource, "keycard_session", Clock.systemUTC())}.
	 * @param dataSource the database
	 * @param tableName the table: letters, digits and underscores, optionally qualified by a
	 * schema ({@code app.keycard_session})
	 * @param clock the clock that decides expiry
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public JdbcSessionStore(DataSource dataSource, String tableName, Clock clock) {
		this(dataSource, tableName, clock, null);
	}

	JdbcSessionStore(DataSource dataSource, String tableName, Clock clock, @Nullable SessionTableDialect dialect) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.table = SessionTableName.of(tableName);
		this.clock = clock;
		this.statements = (dialect != null) ? SessionTableStatements.of(this.table, dialect) : null;
		this.jdbc = new JdbcTemplate(dataSource);
		// Its own transaction manager, so that an application transaction rolling back never
		// takes a session write with it; JdbcTransactionManager translates commit failures.
		this.transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Check that a table name can be used, as the constructor does.
	 * @param tableName the table name
	 * @throws IllegalArgumentException if it is not a plain SQL identifier
	 */
	public static void checkTableName(String tableName) {
		SessionTableName.of(tableName);
	}

	/**
	 * Check that the table exists with the columns the store uses, without reading a row.
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 * @throws org.springframework.dao.DataAccessException if the table or a column is missing
	 */
	public void checkTable() {
		access(() -> this.jdbc.queryForList(this.table.in(SessionTableStatements.CHECK)));
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		return access(() -> {
			List<SessionRecord> records = this.jdbc.query(statements().load(),
					(row, number) -> {
						String document = row.getString(3);
						// The document itself is the version: a compare-and-set needs no column of its own.
						return new SessionRecord(AttributeDocument.read(document), Instant.ofEpochMilli(row.getLong(1)),
								Instant.ofEpochMilli(row.getLong(2)), document);
					},
					key, this.clock.millis());
			return records.isEmpty() ? null : records.get(0);
		});
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		Assert.notNull(changes, "changes must not be null");
		return access(() -> {
			if (changes.isNew()) {
				create(key, changes);
				return true;
			}
			if (changes.updated().isEmpty() && changes.removed().isEmpty()) {
				return refresh(key, changes);
			}
			if (replaceIfUnchanged(key, changes)) {
				return true;
			}
			return Boolean.TRUE.equals(this.transaction.execute((status) -> merge(key, changes)));
		});
	}

	private void create(String key, SessionChanges changes) {
		String document = AttributeDocument.write(changes.updated());
		long createdAt = changes.createdAt().toEpochMilli();
		long expiresAt = changes.expiresAt().toEpochMilli();
		String principalKey = principalKey(changes);
		SessionTableStatements statements = statements();
		if (statements.upsert() != null) {
			this.jdbc.update(statements.upsert(), key, createdAt, expiresAt, document, principalKey);
			return;
		}
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.update(statements.delete(), key);
			this.jdbc.update(statements.insert(), key, createdAt, expiresAt, document, principalKey);
		});
	}

	private boolean refresh(String key, SessionChanges changes) {
		SessionTableStatements statements = statements();
		// Relaxed only in a transaction of its own: inside the caller's, the setting would
		// relax the caller's own writes too.
		String refresh = (statements.relaxedRefresh() != null
				&& !TransactionSynchronizationManager.isActualTransactionActive()) ? statements.relaxedRefresh()
						: statements.refresh();
		return this.jdbc.update(refresh, changes.expiresAt().toEpochMilli(), key, this.clock.millis()) > 0;
	}

	/**
	 * Write the changes in one statement, if the row still holds what they were made to: no
	 * lock, no transaction. Another request's change in between makes it write nothing.
	 */
	private boolean replaceIfUnchanged(String key, SessionChanges changes) {
		String loaded = changes.loadedVersion();
		String updateIfUnchanged = statements().updateIfUnchanged();
		if (loaded == null || updateIfUnchanged == null) {
			return false;
		}
		Map<String, String> attributes = new LinkedHashMap<>(AttributeDocument.read(loaded));
		changes.applyTo(attributes);
		return this.jdbc.update(updateIfUnchanged, changes.expiresAt().toEpochMilli(),
				AttributeDocument.write(attributes), principalKey(changes), key, this.clock.millis(), loaded) > 0;
	}

	private boolean merge(String key, SessionChanges changes) {
		List<String> documents = this.jdbc.query(statements().lock(), (row, number) -> row.getString(1), key,
				this.clock.millis());
		if (documents.isEmpty()) {
			return false;
		}
		Map<String, String> attributes = new LinkedHashMap<>(AttributeDocument.read(documents.get(0)));
		changes.applyTo(attributes);
		this.jdbc.update(statements().update(), changes.expiresAt().toEpochMilli(), AttributeDocument.write(attributes),
				principalKey(changes), key);
		return true;
	}

	private static @Nullable String principalKey(SessionChanges changes) {
		String principal = changes.principal();
		return (principal != null) ? PrincipalKey.of(principal) : null;
	}

	@Override
	public boolean isIndexedByPrincipal() {
		return true;
	}

	/**
	 * {@inheritDoc}
	 * <p>One query on the indexed {@code principal_key} column.
	 */
	@Override
	public Map<String, SessionRecord> findByPrincipal(String principal) {
		return access(() -> {
			Map<String, SessionRecord> found = new LinkedHashMap<>();
			this.jdbc.query(statements().findByPrincipal(), (RowCallbackHandler) (row) -> {
				SessionRecord record = new SessionRecord(AttributeDocument.read(row.getString(4)),
						Instant.ofEpochMilli(row.getLong(2)), Instant.ofEpochMilli(row.getLong(3)));
				if (principal.equals(AttributeDocument.principalOf(record.attributes()))) {
					found.put(row.getString(1), record);
				}
			}, PrincipalKey.of(principal), this.clock.millis());
			return found;
		});
	}

	@Override
	public void delete(String key) {
		access(() -> this.jdbc.update(statements().delete(), key));
	}

	/**
	 * Delete the rows of expired sessions, a batch at a time. Several nodes may run it at once;
	 * together they delete each row once. Schedule it, for example every few minutes with
	 * {@code @Scheduled(fixedDelayString = "PT5M")}.
	 * @return how many rows were deleted
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	public int deleteExpired() {
		return access(() -> {
			long now = this.clock.millis();
			SessionTableStatements statements = statements();
			String batch = statements.deleteExpiredBatch();
			if (batch == null) {
				return this.jdbc.update(statements.deleteExpired(), now);
			}
			int total = 0;
			int deleted;
			do {
				deleted = this.jdbc.update(batch, now, EXPIRED_BATCH_SIZE);
				total += deleted;
			}
			while (deleted == EXPIRED_BATCH_SIZE);
			return total;
		});
	}

	/** Written on first use, not in the constructor: a database that is down must not stop startup. */
	private SessionTableStatements statements() {
		SessionTableStatements statements = this.statements;
		if (statements == null) {
			SessionTableDialect dialect = this.jdbc.execute((ConnectionCallback<SessionTableDialect>) SessionTableDialect::of);
			statements = SessionTableStatements.of(this.table, dialect);
			this.statements = statements;
		}
		return statements;
	}

	/**
	 * Run database work, telling an unreachable database (503, retry later) from a table that
	 * is missing or wrong (a setup error to fix).
	 */
	private <T extends @Nullable Object> T access(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (BadSqlGrammarException ex) {
			String scripts = "schema-postgresql.sql, schema-mysql.sql, schema-mariadb.sql or schema-h2.sql";
			throw new InvalidDataAccessResourceUsageException("The JDBC session store cannot use table '" + this.table
					+ "' (" + ex.getMostSpecificCause().getMessage() + ")."
					+ " Set app.session.jdbc.initialize-schema=always to have it created at startup, or create it"
					+ " with the script for your database in the Keycard jar, under dev/keycard/session/store/jdbc/: "
					+ scripts, ex);
		}
		catch (RuntimeException ex) {
			SessionStoreUnavailableException outage = DatabaseOutage.of(ex,
					"JDBC session store's database of table '" + this.table + "'");
			throw (outage != null) ? outage : ex;
		}
	}

	@Override
	public String getName() {
		return "jdbc";
	}

}
