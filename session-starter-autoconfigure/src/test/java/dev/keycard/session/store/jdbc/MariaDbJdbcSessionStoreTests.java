package dev.keycard.session.store.jdbc;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcSessionStore} on the MariaDB server at 127.0.0.1:3306, which also
 * stands for MySQL: both use {@code schema-mysql.sql}.
 */
class MariaDbJdbcSessionStoreTests extends AbstractJdbcSessionStoreTests {

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
	void charactersOutsideTheBasicPlaneSurvive() {
		String key = newKey();
		store().save(key, create(Map.of("mood", "\"\uD83D\uDE00 \uD834\uDD1E\"")));
		assertThat(store().load(key).attributes()).containsEntry("mood", "\"\uD83D\uDE00 \uD834\uDD1E\"");
	}

}
