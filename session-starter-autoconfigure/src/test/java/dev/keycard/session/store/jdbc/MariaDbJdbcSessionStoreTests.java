package dev.keycard.session.store.jdbc;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.keycard.session.store.SessionRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcSessionStore} on the MariaDB server at 127.0.0.1:3306, which also
 * stands for MySQL: their statements are the same; their scripts differ only in MariaDB's
 * {@code ADD COLUMN IF NOT EXISTS}, which MySQL lacks.
 */
class MariaDbJdbcSessionStoreTests extends AbstractJdbcSessionStoreTests {

	@Override
	protected boolean comparesAndSets() {
		return true;
	}

	@Override
	protected HikariDataSource createDataSource() {
		return pool("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
	}

	@Test
	void keysThatDifferOnlyInCaseAreDifferentSessions() {
		String key = newKey();
		String otherCase = key.toUpperCase().equals(key) ? key.toLowerCase() : key.toUpperCase();
		store().save(key, create(Map.of("who", "\"first\"")));
		store().save(otherCase, create(Map.of("who", "\"second\"")));
		assertThat(store().load(key).attributes()).containsEntry("who", "\"first\"");
		assertThat(store().load(otherCase).attributes()).containsEntry("who", "\"second\"");
	}

	@Test
	void tableWhoseAttributesCompareIgnoringCaseStillLosesNoChange() {
		String table = createTable();
		jdbc().execute("ALTER TABLE " + table
				+ " MODIFY attributes LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL");
		JdbcSessionStore store = new JdbcSessionStore(dataSource(), table, Clock.systemUTC());
		String key = newKey();
		store.save(key, create(Map.of("theme", "\"dark\"")));
		SessionRecord loaded = store.load(key);
		store.save(key, update(Map.of("theme", "\"DARK\""), Set.of()));
		assertThat(store.save(key, updateOf(loaded, Map.of("notes", "[]"), Set.of()))).isTrue();
		assertThat(store.load(key).attributes()).isEqualTo(Map.of("theme", "\"DARK\"", "notes", "[]"));
	}

	@Test
	void charactersOutsideTheBasicPlaneSurvive() {
		String key = newKey();
		store().save(key, create(Map.of("mood", "\"\uD83D\uDE00 \uD834\uDD1E\"")));
		assertThat(store().load(key).attributes()).containsEntry("mood", "\"\uD83D\uDE00 \uD834\uDD1E\"");
	}

}
