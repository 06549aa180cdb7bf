package dev.keycard.session.autoconfigure;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.jdbc.JdbcSessionSchemaInitializer;
import dev.keycard.session.store.jdbc.JdbcSessionStore;

/**
 * The JDBC store: one row per session in Boot's {@code DataSource}, its table created through
 * Boot's database initialization, so in order with Flyway and Liquibase.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ JdbcTemplate.class, DatabaseInitializationSettings.class })
@ConditionalOnSessionStore(SessionStoreType.JDBC)
@ConditionalOnMissingBean(SessionStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(JdbcSessionProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
class JdbcSessionStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnJdbcSessionInitializationCondition.class)
	JdbcSessionSchemaInitializer jdbcSessionSchemaInitializer(DataSource dataSource, JdbcSessionProperties properties) {
		return new JdbcSessionSchemaInitializer(dataSource, settings(dataSource, properties), tableName(properties));
	}

	@Bean
	@DependsOnDatabaseInitialization
	JdbcSessionStore jdbcSessionStore(DataSource dataSource, JdbcSessionProperties properties,
			ObjectProvider<Clock> clock) {
		JdbcSessionStore store = new JdbcSessionStore(dataSource, tableName(properties),
				clock.getIfUnique(Clock::systemUTC));
		checkTable(store, properties);
		return store;
	}

	@Bean
	ExpiredSessionCleanup jdbcSessionCleanup(JdbcSessionStore store, JdbcSessionProperties properties,
			ObjectProvider<SessionActivity> activities) {
		return ExpiredSessionCleanup.every("jdbc", store::deleteExpired, properties.getCleanupInterval(),
				"jdbc.cleanup-interval", activities);
	}

	private static String tableName(JdbcSessionProperties properties) {
		String tableName = properties.getTableName();
		try {
			JdbcSessionStore.checkTableName(tableName);
			return tableName;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidSessionConfigurationException.property("jdbc.table-name", "is '" + tableName
					+ "', not a plain SQL identifier", "Set app.session.jdbc.table-name to letters, digits and "
							+ "underscores, not starting with a digit, optionally after a schema name and a dot, such as "
							+ "keycard_session or app.keycard_session.");
		}
	}

	/**
	 * The settings of Boot's initialization, with the script resolved only when it will run,
	 * so that a database that is down, or one Keycard has no script for, does not stop a
	 * startup that creates nothing.
	 */
	private static DatabaseInitializationSettings settings(DataSource dataSource, JdbcSessionProperties properties) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		DatabaseInitializationMode mode = properties.getInitializeSchema();
		settings.setMode(mode);
		settings.setContinueOnError(properties.isContinueOnError());
		boolean runs = mode == DatabaseInitializationMode.ALWAYS
				|| (mode == DatabaseInitializationMode.EMBEDDED && EmbeddedDatabaseConnection.isEmbedded(dataSource));
		settings.setSchemaLocations(runs ? List.of(schemaLocation(dataSource, properties)) : List.of());
		return settings;
	}

	private static String schemaLocation(DataSource dataSource, JdbcSessionProperties properties) {
		try {
			return JdbcSessionSchemaInitializer.schemaLocation(dataSource, properties.getPlatform(),
					properties.getSchema());
		}
		catch (IllegalStateException ex) {
			throw InvalidSessionConfigurationException.property("jdbc.initialize-schema",
					"asks Keycard to create the session table, but " + ex.getMessage(),
					"Create the table yourself and set app.session.jdbc.initialize-schema to never, or point "
							+ "app.session.jdbc.schema to a script of your own.");
		}
	}

	/** A missing table is a setup error to report now, not a 500 on the first request. */
	private static void checkTable(JdbcSessionStore store, JdbcSessionProperties properties) {
		try {
			store.checkTable();
		}
		catch (SessionStoreUnavailableException ex) {
			// A database that is down must not stop startup: requests answer 503 until it is back.
			LogFactory.getLog(JdbcSessionStoreConfiguration.class)
				.warn("Could not check the session table now: " + ex.getMessage());
		}
		catch (DataAccessException ex) {
			throw InvalidSessionConfigurationException.property("jdbc.table-name", "is '" + properties.getTableName()
					+ "', a table the JDBC session store cannot use: " + ex.getMostSpecificCause().getMessage(),
					"Create the table with the script for your database in the Keycard jar, under "
							+ "dev/keycard/session/store/jdbc/ (schema-postgresql.sql, schema-mysql.sql, "
							+ "schema-mariadb.sql, schema-h2.sql), with Flyway or Liquibase, or set "
							+ "app.session.jdbc.initialize-schema=always to have Keycard create it at startup.");
		}
	}

	/**
	 * Whether the schema initializer is needed: not with {@code initialize-schema: never}. A
	 * value that does not bind needs it, so that binding the properties reports the value with
	 * those it may take.
	 */
	static class OnJdbcSessionInitializationCondition extends SpringBootCondition {

		private static final String PROPERTY = "app.session.jdbc.initialize-schema";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Keycard JDBC session initialization");
			DatabaseInitializationMode mode;
			try {
				mode = Binder.get(context.getEnvironment())
					.bind(PROPERTY, DatabaseInitializationMode.class)
					.orElse(DatabaseInitializationMode.EMBEDDED);
			}
			catch (BindException ex) {
				return ConditionOutcome.match(message.because(PROPERTY + " does not bind"));
			}
			return (mode != DatabaseInitializationMode.NEVER) ? ConditionOutcome.match(message.found(PROPERTY).items(mode))
					: ConditionOutcome.noMatch(message.found(PROPERTY).items(mode));
		}

	}

}
