package dev.keycard.session.web;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.jdbc.JdbcSessionSchemaInitializer;
import dev.keycard.session.store.jdbc.JdbcSessionStore;

/**
 * Session semantics with sessions in the JDBC store, on the real PostgreSQL at
 * 127.0.0.1:5432.
 */
class JdbcStoreSemanticsTests extends AbstractSessionSemanticsTests {

	private static final String TABLE = "keycard_semantics_"
			+ UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private static final DriverManagerDataSource DATA_SOURCE = new DriverManagerDataSource(
			"jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

	@BeforeAll
	static void createTable() {
		JdbcSessionSchemaInitializer.createTable(DATA_SOURCE, TABLE);
	}

	@AfterAll
	static void dropTable() {
		new JdbcTemplate(DATA_SOURCE).execute("drop table if exists " + TABLE);
	}

	@Override
	protected DefaultSessionManager manager(SessionLifetime lifetime, Clock clock) {
		return DefaultSessionManager.inStore(new JdbcSessionStore(DATA_SOURCE, TABLE, clock), new SessionIdCodec(KEY_RING), new JsonSessionSerializer(),
				SessionCookie.named("session"), lifetime, clock);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
