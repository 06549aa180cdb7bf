package dev.keycard.session.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link SessionStore} contract and what is particular to {@link JdbcSessionStore}, on one
 * real database per subclass. Each class run works in tables of its own, dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcSessionStoreTests extends AbstractSessionStoreTests {

	private final List<String> tables = new ArrayList<>();

	private HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	private String table;

	private JdbcSessionStore store;

	/**
	 * Create a pool on the database under test.
	 * @return the pool, closed after the class
	 */
	protected abstract HikariDataSource createDataSource();

	protected static HikariDataSource pool(String url, String username, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		// The contract runs eight writers at once.
		config.setMaximumPoolSize(10);
		config.setConnectionTimeout(10_000);
		return new HikariDataSource(config);
	}

	@BeforeAll
	void createStore() {
		this.dataSource = createDataSource();
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.table = createTable();
		this.store = new JdbcSessionStore(this.dataSource, this.table, Clock.systemUTC());
	}

	@AfterAll
	void dropTables() {
		try {
			this.tables.forEach((name) -> this.jdbc.execute("DROP TABLE IF EXISTS " + name));
		}
		finally {
			this.dataSource.close();
		}
	}

	@Override
	protected SessionStore store() {
		return this.store;
	}

	protected HikariDataSource dataSource() {
		return this.dataSource;
	}

	protected JdbcTemplate jdbc() {
		return this.jdbc;
	}

	protected String table() {
		return this.table;
	}

	/**
	 * Create a session table of a unique name, dropped after the class.
	 * @return its name
	 */
	protected String createTable() {
		String name = uniqueTableName();
		this.tables.add(name);
		JdbcSessionSchemaInitializer.createTable(this.dataSource, name);
		return name;
	}

	protected static String uniqueTableName() {
		return "keycard_session_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	@Test
	void aTableMadeBeforeThePrincipalIndexGetsItsColumnFromTheScriptAndKeepsItsRows() {
		String name = uniqueTableName();
		this.tables.add(name);
		this.jdbc.execute("CREATE TABLE " + name + " (id VARCHAR(64) NOT NULL PRIMARY KEY, created_at BIGINT NOT NULL,"
				+ " expires_at BIGINT NOT NULL, attributes VARCHAR(4000) NOT NULL)");
		String old = newKey();
		this.jdbc.update("INSERT INTO " + name + " (id, created_at, expires_at, attributes) VALUES (?, ?, ?, ?)", old,
				now().toEpochMilli(), now().plus(Duration.ofHours(1)).toEpochMilli(), "{\"a\":1}");

		JdbcSessionSchemaInitializer.createTable(this.dataSource, name);
		JdbcSessionSchemaInitializer.createTable(this.dataSource, name);

		JdbcSessionStore upgraded = new JdbcSessionStore(this.dataSource, name, Clock.systemUTC());
		upgraded.checkTable();
		assertThat(upgraded.load(old).attributes()).containsEntry("a", "1");
		String signedIn = newKey();
		String principal = "loeb-" + UUID.randomUUID();
		upgraded.save(signedIn, signedIn(principal, now().plus(Duration.ofHours(1))));
		assertThat(upgraded.findByPrincipal(principal)).containsOnlyKeys(signedIn);
	}

	@Test
	void eachSessionIsOneRowWithItsTimesInEpochMillis() {
		String key = newKey();
		Instant createdAt = now().minus(Duration.ofMinutes(1));
		Instant expiresAt = now().plus(Duration.ofMinutes(30));
		this.store.save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), createdAt, expiresAt));
		this.store.save(key, update(Map.of("b", "2"), Set.of()));
		this.store.save(key, new SessionChanges(false, Map.of(), Set.of("a"), createdAt, expiresAt));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE id = ?", Integer.class, key))
			.isOne();
		SessionRow row = this.jdbc.queryForObject(
				"SELECT created_at, expires_at, attributes FROM " + this.table + " WHERE id = ?",
				(result, number) -> new SessionRow(result.getLong(1), result.getLong(2), result.getString(3)), key);
		assertThat(row.createdAt()).isEqualTo(createdAt.toEpochMilli());
		assertThat(row.expiresAt()).isEqualTo(expiresAt.toEpochMilli());
		assertThat(AttributeDocument.read(row.attributes())).isEqualTo(Map.of("b", "2"));
	}

	/**
	 * Whether this database compares the attributes column exactly, so that a change to a row
	 * still as it was loaded is written with one statement and no transaction.
	 * @return {@code true} where the store uses a compare-and-set
	 */
	protected boolean comparesAndSets() {
		return false;
	}

	@Test
	void changeToARowStillAsLoadedTakesNoLockWhereTheDatabaseComparesExactlyAndAnOutdatedOneDoes() {
		TransactionCountingDataSource counting = new TransactionCountingDataSource(this.dataSource);
		JdbcSessionStore store = new JdbcSessionStore(counting, this.table, Clock.systemUTC());
		String key = newKey();
		store.save(key, create(Map.of("a", "1")));
		SessionRecord loaded = store.load(key);
		int before = counting.transactions();
		assertThat(store.save(key, updateOf(loaded, Map.of("b", "2"), Set.of()))).isTrue();
		assertThat(counting.transactions() - before).isEqualTo(comparesAndSets() ? 0 : 1);
		before = counting.transactions();
		assertThat(store.save(key, updateOf(loaded, Map.of("c", "3"), Set.of()))).isTrue();
		assertThat(counting.transactions() - before).as("version out of date").isOne();
		assertThat(store.load(key).attributes()).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
	}

	@Test
	void attributesThatDifferOnlyInCaseOrAccentAreNotTheSameVersion() {
		String key = newKey();
		this.store.save(key, create(Map.of("theme", "\"dark\"")));
		SessionRecord loaded = this.store.load(key);
		this.store.save(key, update(Map.of("theme", "\"DARK\""), Set.of()));
		assertThat(this.store.save(key, updateOf(loaded, Map.of("notes", "[]"), Set.of()))).isTrue();
		assertThat(this.store.load(key).attributes()).isEqualTo(Map.of("theme", "\"DARK\"", "notes", "[]"));
	}

	@Test
	void updateOfAttributesAlsoMovesTheExpiry() {
		String key = newKey();
		this.store.save(key, create(Map.of("a", "1")));
		Instant later = now().plus(Duration.ofHours(5));
		this.store.save(key, new SessionChanges(false, Map.of("b", "2"), Set.of(), now(), later));
		assertThat(this.store.load(key).expiresAt()).isEqualTo(later);
	}

	@Test
	void changesToAnExpiredRowThatIsStillThereAreDropped() {
		String key = newKey();
		this.store.save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), now().minus(Duration.ofHours(2)),
				now().minus(Duration.ofSeconds(1))));
		assertThat(this.store.save(key, update(Map.of("b", "2"), Set.of()))).isFalse();
		assertThat(this.store.save(key, update(Map.of(), Set.of()))).isFalse();
		assertThat(this.store.load(key)).isNull();
		assertThat(this.jdbc.queryForObject("SELECT expires_at FROM " + this.table + " WHERE id = ?", Long.class, key))
			.isLessThanOrEqualTo(now().toEpochMilli());
	}

	@Test
	void deleteExpiredRemovesOnlyExpiredRows() {
		JdbcSessionStore store = new JdbcSessionStore(this.dataSource, createTable(), Clock.systemUTC());
		List<String> live = List.of(newKey(), newKey());
		live.forEach((key) -> store.save(key, create(Map.of("live", "true"))));
		for (int i = 0; i < 3; i++) {
			store.save(newKey(), new SessionChanges(true, Map.of("live", "false"), Set.of(),
					now().minus(Duration.ofHours(2)), now().minus(Duration.ofSeconds(1))));
		}
		assertThat(store.deleteExpired()).isEqualTo(3);
		assertThat(live).allSatisfy((key) -> assertThat(store.load(key)).isNotNull());
		assertThat(store.deleteExpired()).isZero();
	}

	@Test
	void aPrincipalsIndexIsEmptyOnceEverySessionOfTheUserExpiredAndCleanupRan() {
		String principal = "gordon-" + UUID.randomUUID();
		String live = newKey();
		String expiring = newKey();
		this.store.save(live, signedIn(principal, now().plus(Duration.ofHours(1))));
		this.store.save(expiring, new SessionChanges(true, Map.of(SessionStore.PRINCIPAL_ATTRIBUTE, "\"" + principal + "\""),
				Set.of(), now().minus(Duration.ofHours(2)), now().minus(Duration.ofSeconds(1)), null, principal));
		assertThat(this.store.findByPrincipal(principal)).containsOnlyKeys(live);

		this.store.delete(live);
		this.store.deleteExpired();

		assertThat(this.store.findByPrincipal(principal)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE principal_key = ?",
				Integer.class, PrincipalKey.of(principal))).isZero();
	}

	@Test
	void concurrentDeleteExpiredCallsBothSucceedAndDeleteEachRowOnce() throws Exception {
		String table = createTable();
		JdbcSessionStore store = new JdbcSessionStore(this.dataSource, table, Clock.systemUTC());
		int expired = 1_234;
		long past = now().minus(Duration.ofMinutes(1)).toEpochMilli();
		long future = now().plus(Duration.ofHours(1)).toEpochMilli();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < expired + 10; i++) {
			rows.add(new Object[] { newKey(), past, (i < expired) ? past : future, "{}" });
		}
		this.jdbc.batchUpdate(
				"INSERT INTO " + table + " (id, created_at, expires_at, attributes) VALUES (?, ?, ?, ?)", rows);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> nodes = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				nodes.add(executor.submit(() -> {
					start.await();
					return store.deleteExpired();
				}));
			}
			start.countDown();
			int deleted = 0;
			for (Future<Integer> node : nodes) {
				deleted += node.get(60, TimeUnit.SECONDS);
			}
			assertThat(deleted).isEqualTo(expired);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).isEqualTo(10);
	}

	@Test
	void missingTableFailsWithAMessageNamingInitializeSchema() {
		String missing = uniqueTableName();
		JdbcSessionStore store = new JdbcSessionStore(this.dataSource, missing, Clock.systemUTC());
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class).isThrownBy(() -> store.load(newKey()))
			.withMessageContaining("'" + missing + "'")
			.withMessageContaining("app.session.jdbc.initialize-schema=always");
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> store.save(newKey(), create(Map.of("a", "1"))))
			.withMessageContaining("app.session.jdbc.initialize-schema=always")
			.withMessageContaining("schema-");
	}

	@Test
	void schemaInitializationCanRunAgainAndKeepsTheRows() {
		String key = newKey();
		this.store.save(key, create(Map.of("kept", "true")));
		JdbcSessionSchemaInitializer.createTable(this.dataSource, this.table);
		assertThat(this.store.load(key).attributes()).containsEntry("kept", "true");
	}

	private record SessionRow(long createdAt, long expiresAt, String attributes) {
	}

}
