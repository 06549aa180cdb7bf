package dev.keycard.session.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.PrincipalRevocation;
import dev.keycard.session.revocation.RevocationChange;
import dev.keycard.session.revocation.RevocationSnapshot;
import dev.keycard.session.revocation.RevocationStore;
import dev.keycard.session.revocation.RevocationVersion;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Shares the revocations of cookie sessions through a SQL database (PostgreSQL, MySQL, MariaDB,
 * H2), which every instance polls: three tables under a prefix ({@code keycard_} by default),
 * created at startup if missing, with the same statements on every database:
 * <pre>
 * keycard_revocation_version   one row: the count of revocations and the chain of their digests
 * keycard_revocation           a user's sessions ('p', principal key) or one session ('s', id)
 * keycard_issued_session       the recorded signed-in sessions, for the device list
 * </pre>
 * A revocation locks the version row, so revocations commit in the order of their versions and
 * an instance that reads one version twice knows it missed nothing in between. Polling costs
 * one single-row read per instance, four times per staleness bound, whatever the traffic.
 */
public final class JdbcRevocationStore implements RevocationStore {

	private static final String PRINCIPAL = "p";

	private static final String SESSION = "s";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final String versionTable;

	private final String revocationTable;

	private final String issuedTable;

	/**
	 * Create a store on a database, creating its tables if they are missing.
	 * @param dataSource the database, usually Spring Boot's
	 * @param tablePrefix what the table names start with, a plain identifier such as
	 * {@code keycard_}
	 * @param clock tells the time, for expiry
	 */
	public JdbcRevocationStore(DataSource dataSource, String tablePrefix, Clock clock) {
		Assert.notNull(dataSource, "dataSource must not be null");
		Assert.isTrue(tablePrefix.matches("[A-Za-z_][A-Za-z0-9_]{0,40}"),
				() -> "The revocation table prefix '" + tablePrefix + "' is not a plain SQL identifier: use letters, "
						+ "digits and underscores, as in keycard_");
		Assert.notNull(clock, "clock must not be null");
		this.jdbc = new JdbcTemplate(dataSource);
		// Its own transactions, so that an application transaction rolling back never takes a revocation with it.
		this.transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.versionTable = tablePrefix + "revocation_version";
		this.revocationTable = tablePrefix + "revocation";
		this.issuedTable = tablePrefix + "issued_session";
	}

	/**
	 * Create the tables and the version row if they are missing. Keycard calls it at startup.
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	public void initialize() {
		access(() -> {
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.versionTable
					+ " (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, chain VARCHAR(40) NOT NULL)");
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.revocationTable
					+ " (kind CHAR(1) NOT NULL, subject VARCHAR(64) NOT NULL, revoked_before BIGINT NOT NULL,"
					+ " kept_session VARCHAR(64), kept_signed_in_at BIGINT, expires_at BIGINT, PRIMARY KEY (kind, subject))");
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.issuedTable
					+ " (principal_key VARCHAR(64) NOT NULL, session_id VARCHAR(64) NOT NULL, signed_in_at BIGINT NOT NULL,"
					+ " last_seen BIGINT NOT NULL, expires_at BIGINT NOT NULL, user_agent VARCHAR(200),"
					+ " ip_address VARCHAR(64), PRIMARY KEY (principal_key, session_id))");
			Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.versionTable, Integer.class);
			if (rows == null || rows == 0) {
				try {
					this.jdbc.update("INSERT INTO " + this.versionTable + " (id, version, chain) VALUES (1, 0, ?)",
							RevocationVersion.NO_CHAIN);
				}
				catch (DuplicateKeyException ex) {
					// Another instance created it at the same moment.
				}
			}
			return null;
		});
	}

	@Override
	public RevocationSnapshot load() {
		return access(() -> {
			RevocationVersion before = readVersion();
			Map<String, PrincipalRevocation> principals = new HashMap<>();
			Map<String, Instant> sessions = new HashMap<>();
			long now = this.clock.millis();
			this.jdbc.query("SELECT kind, subject, revoked_before, kept_session, kept_signed_in_at, expires_at FROM "
					+ this.revocationTable, (row) -> {
						if (PRINCIPAL.equals(row.getString(1))) {
							principals.put(row.getString(2), principalRevocation(row.getLong(3), row.getString(4),
									(Long) row.getObject(5, Long.class)));
						}
						else if (row.getLong(6) > now) {
							sessions.put(row.getString(2), Instant.ofEpochMilli(row.getLong(6)));
						}
					});
			RevocationVersion after = readVersion();
			// Read under one version, or the next version check reads everything again.
			return new RevocationSnapshot(after.equals(before) ? before : null, principals, sessions);
		});
	}

	@Override
	public RevocationVersion version() {
		return access(this::readVersion);
	}

	private RevocationVersion readVersion() {
		List<RevocationVersion> versions = this.jdbc.query(
				"SELECT version, chain FROM " + this.versionTable + " WHERE id = 1",
				(row, number) -> new RevocationVersion(row.getLong(1), row.getString(2)));
		return versions.isEmpty() ? RevocationVersion.NONE : versions.get(0);
	}

	@Override
	public RevocationChange revoke(String principalKey, PrincipalRevocation revocation) {
		RevocationChange change = access(() -> this.transaction.execute((status) -> {
			RevocationVersion previous = lockVersion();
			List<PrincipalRevocation> existing = this.jdbc.query("SELECT revoked_before, kept_session, kept_signed_in_at"
					+ " FROM " + this.revocationTable + " WHERE kind = ? AND subject = ?",
					(row, number) -> principalRevocation(row.getLong(1), row.getString(2),
							(Long) row.getObject(3, Long.class)),
					PRINCIPAL, principalKey);
			// Kept to the millisecond (and microsecond for a sign-in), as stored.
			PrincipalRevocation combined = PrincipalRevocation.combined(existing.isEmpty() ? null : existing.get(0),
					principalRevocation(revocation.before().toEpochMilli(), revocation.keptSessionId(),
							(revocation.keptSignedInAt() != null) ? micros(revocation.keptSignedInAt()) : null));
			Instant keptAt = combined.keptSignedInAt();
			replace(PRINCIPAL, principalKey, combined.before().toEpochMilli(), combined.keptSessionId(),
					(keptAt != null) ? micros(keptAt) : null, null);
			RevocationVersion version = nextVersion(previous, PRINCIPAL + " " + principalKey + " "
					+ combined.before().toEpochMilli() + " " + combined.keptSessionId());
			return RevocationChange.ofPrincipal(previous, version, principalKey, combined);
		}));
		return Objects.requireNonNull(change, "The revocation transaction returned nothing");
	}

	@Override
	public RevocationChange revokeSession(String sessionId, Instant given) {
		Instant until = Instant.ofEpochMilli(given.toEpochMilli());
		RevocationChange change = access(() -> this.transaction.execute((status) -> {
			RevocationVersion previous = lockVersion();
			replace(SESSION, sessionId, this.clock.millis(), null, null, until.toEpochMilli());
			this.jdbc.update("DELETE FROM " + this.revocationTable + " WHERE kind = ? AND expires_at < ?", SESSION,
					this.clock.millis());
			RevocationVersion version = nextVersion(previous, SESSION + " " + sessionId + " " + until.toEpochMilli());
			return RevocationChange.ofSession(previous, version, sessionId, until);
		}));
		return Objects.requireNonNull(change, "The revocation transaction returned nothing");
	}

	/** Lock the version's row and read it: revocations commit in the order of their versions. */
	private RevocationVersion lockVersion() {
		List<RevocationVersion> versions = this.jdbc.query(
				"SELECT version, chain FROM " + this.versionTable + " WHERE id = 1 FOR UPDATE",
				(row, number) -> new RevocationVersion(row.getLong(1), row.getString(2)));
		if (versions.isEmpty()) {
			throw new IllegalStateException("The revocation version row of " + this.versionTable + " is missing: "
					+ "it is created at startup");
		}
		return versions.get(0);
	}

	/** Move the locked version on by one change: the count, and the chain of digests. */
	private RevocationVersion nextVersion(RevocationVersion previous, String change) {
		long number = previous.number() + 1;
		String chain = sha1(previous.chain() + " " + number + " " + change);
		this.jdbc.update("UPDATE " + this.versionTable + " SET version = ?, chain = ? WHERE id = 1", number, chain);
		return new RevocationVersion(number, chain);
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every Java runtime", ex);
		}
	}

	private void replace(String kind, String subject, long revokedBefore, @Nullable String keptSession,
			@Nullable Long keptSignedInAt, @Nullable Long expiresAt) {
		this.jdbc.update("DELETE FROM " + this.revocationTable + " WHERE kind = ? AND subject = ?", kind, subject);
		this.jdbc.update("INSERT INTO " + this.revocationTable
				+ " (kind, subject, revoked_before, kept_session, kept_signed_in_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
				kind, subject, revokedBefore, keptSession, keptSignedInAt, expiresAt);
	}

	private static PrincipalRevocation principalRevocation(long before, @Nullable String kept,
			@Nullable Long keptSignedInAt) {
		return (kept != null && keptSignedInAt != null)
				? new PrincipalRevocation(Instant.ofEpochMilli(before), kept,
						Instant.EPOCH.plus(keptSignedInAt, ChronoUnit.MICROS))
				: PrincipalRevocation.allBefore(Instant.ofEpochMilli(before));
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	@Override
	public void record(String principalKey, IssuedSession session) {
		access(() -> {
			// Each sign-in clears the user's expired records: they never outgrow the user's live sessions by much.
			this.jdbc.update("DELETE FROM " + this.issuedTable + " WHERE principal_key = ? AND expires_at <= ?",
					principalKey, this.clock.millis());
			Object[] values = { session.signedInAt().toEpochMilli(), session.lastSeen().toEpochMilli(),
					session.expiresAt().toEpochMilli(), truncated(session.userAgent(), 200),
					truncated(session.ipAddress(), 64), principalKey, session.id() };
			String update = "UPDATE " + this.issuedTable + " SET signed_in_at = ?, last_seen = ?, expires_at = ?,"
					+ " user_agent = ?, ip_address = ? WHERE principal_key = ? AND session_id = ?";
			if (this.jdbc.update(update, values) == 0) {
				try {
					this.jdbc.update("INSERT INTO " + this.issuedTable + " (signed_in_at, last_seen, expires_at,"
							+ " user_agent, ip_address, principal_key, session_id) VALUES (?, ?, ?, ?, ?, ?, ?)", values);
				}
				catch (DuplicateKeyException ex) {
					this.jdbc.update(update, values);
				}
			}
			return null;
		});
	}

	@Override
	public void forget(String principalKey, String sessionId) {
		access(() -> this.jdbc.update(
				"DELETE FROM " + this.issuedTable + " WHERE principal_key = ? AND session_id = ?", principalKey,
				sessionId));
	}

	@Override
	public List<IssuedSession> recorded(String principalKey, Instant now) {
		return access(() -> {
			this.jdbc.update("DELETE FROM " + this.issuedTable + " WHERE principal_key = ? AND expires_at <= ?",
					principalKey, now.toEpochMilli());
			return this.jdbc.query("SELECT session_id, signed_in_at, last_seen, expires_at, user_agent, ip_address FROM "
					+ this.issuedTable + " WHERE principal_key = ?",
					(row, number) -> new IssuedSession(row.getString(1), Instant.ofEpochMilli(row.getLong(2)),
							Instant.ofEpochMilli(row.getLong(3)), Instant.ofEpochMilli(row.getLong(4)), row.getString(5),
							row.getString(6)),
					principalKey);
		});
	}

	@Override
	public String getName() {
		return "jdbc";
	}

	private static @Nullable String truncated(@Nullable String value, int length) {
		return (value != null && value.length() > length) ? value.substring(0, length) : value;
	}

	private <T extends @Nullable Object> T access(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (RuntimeException ex) {
			SessionStoreUnavailableException outage = DatabaseOutage.of(ex,
					"JDBC revocation store's database of table '" + this.revocationTable + "'");
			throw (outage != null) ? outage : ex;
		}
	}

}
