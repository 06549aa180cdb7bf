package dev.keycard.session.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.revocation.RevocationStore;
import dev.keycard.session.store.jdbc.JdbcRevocationStore;
import dev.keycard.session.store.redis.RedisRevocationStore;
import dev.keycard.session.web.SessionLifetime;

/**
 * Revocation of cookie sessions: a {@link RevocationStore} chosen by
 * {@code app.session.revocation.store} (or the application's own bean), and the
 * {@link RevocationList} each instance checks cookies against.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionRevocationProperties.class)
class SessionRevocationConfiguration {

	@Bean(initMethod = "start")
	@ConditionalOnBean(RevocationStore.class)
	@ConditionalOnMissingBean
	RevocationList sessionRevocationList(RevocationStore store, SessionRevocationProperties properties,
			SessionLifetime lifetime, ObjectProvider<Clock> clock) {
		return new RevocationList(store, SessionPropertyChecks.maxStaleness(properties), properties.getFailMode(),
				lifetime.idleTimeout(), clock.getIfUnique(Clock::systemUTC));
	}

	/** Revocations in Redis, on Boot's Redis connection. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnProperty(name = "app.session.revocation.store", havingValue = "redis")
	@ConditionalOnMissingBean(RevocationStore.class)
	static class RedisRevocationStoreConfiguration {

		@Bean
		RedisRevocationStore redisRevocationStore(ObjectProvider<RedisConnectionFactory> connectionFactory,
				SessionRevocationProperties properties, ObjectProvider<Clock> clock) {
			RedisConnectionFactory redis = connectionFactory.getIfUnique();
			if (redis == null) {
				throw InvalidSessionConfigurationException.property("revocation.store",
						"is 'redis', but there is no single RedisConnectionFactory bean to share revocations through",
						"Add org.springframework.boot:spring-boot-starter-data-redis, which creates the connection from "
								+ "spring.data.redis.*, or set app.session.revocation.store to jdbc or none.");
			}
			return new RedisRevocationStore(redis, properties.getKeyPrefix(), clock.getIfUnique(Clock::systemUTC));
		}

	}

	/** Revocations in a SQL database, on Boot's DataSource. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnProperty(name = "app.session.revocation.store", havingValue = "jdbc")
	@ConditionalOnMissingBean(RevocationStore.class)
	static class JdbcRevocationStoreConfiguration {

		@Bean(initMethod = "initialize")
		JdbcRevocationStore jdbcRevocationStore(ObjectProvider<DataSource> dataSource,
				SessionRevocationProperties properties, ObjectProvider<Clock> clock) {
			DataSource database = dataSource.getIfUnique();
			if (database == null) {
				throw InvalidSessionConfigurationException.property("revocation.store",
						"is 'jdbc', but there is no single DataSource bean to share revocations through",
						"Add org.springframework.boot:spring-boot-starter-jdbc and the JDBC driver of the database, which "
								+ "create the DataSource from spring.datasource.*, or set app.session.revocation.store to "
								+ "redis or none.");
			}
			return new JdbcRevocationStore(database, properties.getTablePrefix(), clock.getIfUnique(Clock::systemUTC));
		}

	}

}
