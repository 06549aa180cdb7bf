package dev.keycard.session.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Creates the table of the {@link JdbcSessionStore} through Spring Boot's database
 * initialization, so that it runs in order with Flyway, Liquibase and the application's own
 * scripts. Keycard's scripts, {@code dev/keycard/session/store/jdbc/schema-<platform>.sql} in the
 * jar (PostgreSQL, MySQL, MariaDB and H2), create only what is missing, so running one on every
 * startup is safe; they write {@code ${table}} for the table name, {@code ${index}} for the
 * name of the index on {@code expires_at} and {@code ${principal_index}} for that of the index
 * on {@code principal_key}, which this initializer replaces. Whoever creates the
 * table with Flyway or by hand replaces them the same way.
 */
public class JdbcSessionSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/** Where Keycard's scripts are, {@code @@platform@@} standing for the database. */
	public static final String DEFAULT_SCHEMA_LOCATION = "classpath:dev/keycard/session/store/jdbc/schema-@@platform@@.sql";

	/** The columns a table of the store has, for whoever creates it without Keycard's scripts. */
	static final String COLUMNS = "id VARCHAR(64) primary key, created_at BIGINT not null, expires_at BIGINT not null"
			+ " (epoch milliseconds), attributes a text type of unlimited length not null, principal_key VARCHAR(64)"
			+ " null, and an index on expires_at and one on principal_key";

	private final SessionTableName table;

	/**
	 * Create an initializer.
	 * @param dataSource the database
	 * @param settings what to run and when, as Boot's initialization settings
	 * @param tableName the table, checked as by {@link JdbcSessionStore}
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public JdbcSessionSchemaInitializer(DataSource dataSource, DatabaseInitializationSettings settings,
			String tableName) {
		super(dataSource, settings);
		this.table = SessionTableName.of(tableName);
	}

	/**
	 * Create the session table and its index now, unless they exist, with Keycard's script for
	 * the database: for applications and tests without Boot's initialization.
	 * @param dataSource the database
	 * @param tableName the table
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 * @throws IllegalStateException if Keycard has no script for the database
	 */
	public static void createTable(DataSource dataSource, String tableName) {
		// Refused before any SQL runs.
		SessionTableName.of(tableName);
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		settings.setSchemaLocations(List.of(schemaLocation(dataSource, null, DEFAULT_SCHEMA_LOCATION)));
		new JdbcSessionSchemaInitializer(dataSource, settings, tableName).initializeDatabase();
	}

	/**
	 * Resolve the location of the schema script for a database.
	 * @param dataSource the database
	 * @param platform the platform that stands for {@code @@platform@@}, or {@code null} to
	 * detect it from the database
	 * @param schema the location, such as {@link #DEFAULT_SCHEMA_LOCATION}
	 * @return the location
	 * @throws IllegalStateException if the location is Keycard's and Keycard has no script for
	 * the database, naming the columns to create instead
	 */
	public static String schemaLocation(DataSource dataSource, @Nullable String platform, String schema) {
		PlatformPlaceholderDatabaseDriverResolver platforms = new PlatformPlaceholderDatabaseDriverResolver()
			.withDriverPlatform(DatabaseDriver.MARIADB, "mariadb");
		String location;
		try {
			location = (platform != null) ? platforms.resolveAll(platform, schema).get(0)
					: platforms.resolveAll(dataSource, schema).get(0);
		}
		catch (IllegalStateException ex) {
			throw noScript(ex.getMessage());
		}
		if (schema.equals(DEFAULT_SCHEMA_LOCATION)
				&& !new DefaultResourceLoader(JdbcSessionSchemaInitializer.class.getClassLoader()).getResource(location)
					.exists()) {
			throw noScript("no " + location + " in the Keycard jar");
		}
		return location;
	}

	private static IllegalStateException noScript(@Nullable String reason) {
		return new IllegalStateException("Keycard has no script to create the session table on this database ("
				+ reason + "): set app.session.jdbc.initialize-schema=never and create it yourself, with the columns "
				+ COLUMNS);
	}

	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> resolved = new ArrayList<>();
		for (Resource script : scripts) {
			resolved.add(withTableName(script, scripts.getEncoding()));
		}
		super.runScripts(new Scripts(resolved).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

	private Resource withTableName(Resource script, @Nullable Charset encoding) {
		try {
			String sql = script.getContentAsString((encoding != null) ? encoding : StandardCharsets.UTF_8)
				.replace("${table}", this.table.qualified())
				.replace("${index}", this.table.index())
				.replace("${principal_index}", this.table.principalIndex());
			return new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8),
					script.getDescription() + " for table " + this.table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycard's " + script.getDescription() + " cannot be read", ex);
		}
	}

}
