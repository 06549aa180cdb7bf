package dev.keycard.session.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import com.github.benmanes.caffeine.cache.Caffeine;
import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.DispatcherServlet;

import dev.keycard.session.SessionManager;
import dev.keycard.session.codec.EncryptedSessionCodec;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionJsonMapperCustomizer;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.file.FileSessionStore;
import dev.keycard.session.store.jdbc.JdbcSessionSchema;
import dev.keycard.session.store.jdbc.JdbcSessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.store.redis.RedisSessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.KeycardFlashMapManager;
import dev.keycard.session.web.SessionCookieSettings;
import dev.keycard.session.web.SessionFilter;

/**
 * Auto-configuration of Keycard sessions for servlet web applications: a {@code Session}
 * parameter in any controller method, kept in a signed or encrypted cookie, or in a server-side
 * store behind a signed id, configured under {@code app.session}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, JsonMapper.class })
@EnableConfigurationProperties(SessionProperties.class)
public final class SessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyRing sessionKeyRing(SessionProperties properties) {
		return new SessionPropertiesValidator(properties).keyRing();
	}

	@Bean
	@ConditionalOnMissingBean
	SessionCookieSettings sessionCookieSettings(SessionProperties properties) {
		return new SessionPropertiesValidator(properties).cookieSettings();
	}

	@Bean
	@ConditionalOnMissingBean(SessionSerializer.class)
	JsonSessionSerializer sessionSerializer(ObjectProvider<SessionJsonMapperCustomizer> customizers) {
		JsonMapper.Builder builder = JsonSessionSerializer.defaultMapperBuilder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new JsonSessionSerializer(builder.build());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionIdCodec sessionIdCodec(KeyRing keyRing) {
		return new SessionIdCodec(keyRing);
	}

	@Bean
	@ConditionalOnMissingBean(SessionManager.class)
	DefaultSessionManager sessionManager(SessionProperties properties, ObjectProvider<SessionStore> store,
			ObjectProvider<SessionCodec> codec, SessionIdCodec idCodec, SessionSerializer serializer,
			SessionCookieSettings settings, ObjectProvider<Clock> clock, ResourceLoader resourceLoader) {
		SessionStore sessionStore = store.getIfUnique();
		SessionPropertiesValidator validator = new SessionPropertiesValidator(properties);
		validator.checkStore(sessionStore != null, resourceLoader.getClassLoader());
		if (sessionStore == null) {
			validator.checkStoreCreated();
		}
		DefaultSessionManager manager = (sessionStore != null)
				? new DefaultSessionManager(sessionStore, idCodec, serializer, settings)
				: new DefaultSessionManager(codec.getObject(), serializer, settings);
		clock.ifUnique(manager::setClock);
		return manager;
	}

	@Bean
	@ConditionalOnBean(DefaultSessionManager.class)
	@ConditionalOnMissingFilterBean(SessionFilter.class)
	FilterRegistrationBean<SessionFilter> sessionFilter(DefaultSessionManager sessionManager) {
		FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(
				new SessionFilter(sessionManager));
		registration.setOrder(SessionFilter.DEFAULT_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	@Bean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	@ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	KeycardFlashMapManager flashMapManager(SessionManager sessionManager, SessionCookieSettings settings) {
		return new KeycardFlashMapManager(sessionManager, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionWebMvcConfigurer sessionWebMvcConfigurer(SessionManager sessionManager) {
		return new SessionWebMvcConfigurer(sessionManager);
	}

	/**
	 * The memory store: sessions in this process, bounded, each with its own expiry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	@ConditionalOnProperty(name = "app.session.store", havingValue = "memory")
	@ConditionalOnMissingBean(SessionStore.class)
	static class MemoryStoreConfiguration {

		@Bean
		MemorySessionStore memorySessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
			return new MemorySessionStore(properties.getMemory().getMaxSessions(),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

	/**
	 * The file store: one JSON file per session, shared by the processes of one machine.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "app.session.store", havingValue = "file")
	@ConditionalOnMissingBean(SessionStore.class)
	static class FileStoreConfiguration {

		@Bean
		FileSessionStore fileSessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
			return new FileSessionStore(Path.of(properties.getFile().getDirectory()),
					clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		ExpiredSessionCleanup fileSessionCleanup(FileSessionStore store, SessionProperties properties) {
			return new ExpiredSessionCleanup("file", store::deleteExpired, properties.getFile().getCleanupInterval());
		}

	}

	/**
	 * The Redis store: one hash per session on Boot's Redis connection.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnProperty(name = "app.session.store", havingValue = "redis")
	@ConditionalOnMissingBean(SessionStore.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
		RedisSessionStore redisSessionStore(RedisConnectionFactory connectionFactory, SessionProperties properties,
				ObjectProvider<Clock> clock) {
			return new RedisSessionStore(connectionFactory, properties.getRedis().getKeyPrefix(),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

	/**
	 * The JDBC store: one row per session in Boot's {@code DataSource}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnProperty(name = "app.session.store", havingValue = "jdbc")
	@ConditionalOnMissingBean(SessionStore.class)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(DataSource.class)
		JdbcSessionStore jdbcSessionStore(DataSource dataSource, SessionProperties properties,
				ObjectProvider<Clock> clock) {
			SessionProperties.Jdbc jdbc = properties.getJdbc();
			String mode = new SessionPropertiesValidator(properties).initializeSchema();
			if (mode.equals("always") || (mode.equals("embedded") && JdbcSessionSchema.isEmbedded(dataSource))) {
				JdbcSessionSchema.initialize(dataSource, jdbc.getTableName());
			}
			return new JdbcSessionStore(dataSource, jdbc.getTableName(), clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnBean(JdbcSessionStore.class)
		ExpiredSessionCleanup jdbcSessionCleanup(JdbcSessionStore store, SessionProperties properties) {
			return new ExpiredSessionCleanup("jdbc", store::deleteExpired, properties.getJdbc().getCleanupInterval());
		}

	}

	/**
	 * The cookie store: the whole session in the cookie, signed, or encrypted on request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SessionCodec.class)
	static class CookieCodecConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "app.session.encrypt", havingValue = false, matchIfMissing = true)
		SignedSessionCodec signedSessionCodec(KeyRing keyRing) {
			return new SignedSessionCodec(keyRing);
		}

		@Bean
		@ConditionalOnBooleanProperty(name = "app.session.encrypt")
		EncryptedSessionCodec encryptedSessionCodec(KeyRing keyRing) {
			return new EncryptedSessionCodec(keyRing);
		}

	}

}
