package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration properties of Keycard's JDBC session store. The schema is created through
 * Spring Boot's database initialization, so that it runs in order with Flyway and Liquibase.
 */
@ConfigurationProperties("app.session.jdbc")
public class JdbcSessionProperties extends DatabaseInitializationProperties {

	private static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/keycard/session/store/jdbc/schema-@@platform@@.sql";

	/**
	 * Name of the table of the JDBC store: letters, digits and underscores, optionally after a
	 * schema name and a dot.
	 */
	private String tableName = "keycard_session";

	/**
	 * How often expired session rows are deleted. A bare number is seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration cleanupInterval = Duration.ofMinutes(5);

	public JdbcSessionProperties() {
		// Keycard's scripts create only what is missing, so a failing one is a real error.
		setContinueOnError(false);
	}

	public String getTableName() {
		return this.tableName;
	}

	public void setTableName(String tableName) {
		this.tableName = tableName;
	}

	public Duration getCleanupInterval() {
		return this.cleanupInterval;
	}

	public void setCleanupInterval(Duration cleanupInterval) {
		this.cleanupInterval = cleanupInterval;
	}

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

}
