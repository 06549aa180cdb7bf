package dev.keycard.session.store.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Driver;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link JdbcSessionStore} reports a database it cannot reach as unavailable, promptly,
 * so that the request fails with 503 instead of carrying on with an empty session.
 */
class JdbcOutageTests {

	/** A functional bound: the pool gives up after one second, and nothing should wait longer. */
	private static final Duration BOUND = Duration.ofSeconds(5);

	private static final String TABLE = "keycard_session";

	private static int deadPort;

	private static HikariDataSource pool;

	@BeforeAll
	static void findAPortWhereNothingListens() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + deadPort + "/test");
		config.setUsername("postgres");
		config.setConnectionTimeout(1_000);
		// Do not try to connect when the pool is created: the store must cope on first use.
		config.setInitializationFailTimeout(-1);
		pool = new HikariDataSource(config);
	}

	@AfterAll
	static void closePool() {
		pool.close();
	}

	@Test
	void everyOperationThroughAPoolIsUnavailable() {
		JdbcSessionStore store = new JdbcSessionStore(pool, TABLE, Clock.systemUTC());
		assertUnavailable(() -> store.load(key()));
		assertUnavailable(() -> store.save(key(), changes(true, Map.of("a", "1"))));
		assertUnavailable(() -> store.save(key(), changes(false, Map.of("a", "1"))));
		assertUnavailable(() -> store.save(key(), changes(false, Map.of())));
		assertUnavailable(() -> store.delete(key()));
		assertUnavailable(store::deleteExpired);
	}

	@Test
	void loadAndSaveWithoutAPoolAreUnavailable() {
		SimpleDriverDataSource direct = new SimpleDriverDataSource(new Driver(),
				"jdbc:mariadb://127.0.0.1:" + deadPort + "/test?connectTimeout=1000", "root", "");
		JdbcSessionStore store = new JdbcSessionStore(direct, TABLE, Clock.systemUTC());
		assertUnavailable(() -> store.load(key()));
		assertUnavailable(() -> store.save(key(), changes(true, Map.of("a", "1"))));
		assertUnavailable(() -> store.save(key(), changes(false, Map.of("a", "1"))));
	}

	private static void assertUnavailable(ThrowingCallable call) {
		long start = System.nanoTime();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(call)
			.withMessageContaining("JDBC session store")
			.withMessageContaining("'" + TABLE + "'");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
	}

	private static String key() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
	}

	private static SessionChanges changes(boolean isNew, Map<String, String> updated) {
		Instant now = Instant.now();
		return new SessionChanges(isNew, updated, Set.of(), now, now.plus(Duration.ofHours(1)));
	}

}
