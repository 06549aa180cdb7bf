package dev.keycard.session.autoconfigure;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;

/**
 * In a test slice ({@code @WebMvcTest}) of an application whose sessions are in Redis or a
 * database, the slice leaves out the connection the store needs: Keycard keeps the slice's
 * sessions in memory instead, and says so, so that the same controller tests run whatever
 * {@code app.session.store} says. Imported by test slices only, never by a running application,
 * which fails at startup without the connection its store needs.
 */
@AutoConfiguration(before = SessionAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Caffeine.class)
public final class SessionStoreTestSliceAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SessionStoreTestSliceAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSessionStore(SessionStoreType.REDIS)
	@ConditionalOnMissingBean(value = SessionStore.class,
			type = "org.springframework.data.redis.connection.RedisConnectionFactory")
	static class WithoutRedis {

		@Bean
		MemorySessionStore memorySessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
			return inMemory("redis", "RedisConnectionFactory", properties, clock);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSessionStore(SessionStoreType.JDBC)
	@ConditionalOnMissingBean(value = SessionStore.class, type = "javax.sql.DataSource")
	static class WithoutDataSource {

		@Bean
		MemorySessionStore memorySessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
			return inMemory("jdbc", "DataSource", properties, clock);
		}

	}

	private static MemorySessionStore inMemory(String store, String missing, SessionProperties properties,
			ObjectProvider<Clock> clock) {
		logger.info("app.session.store is '" + store + "', but this test slice has no " + missing
				+ ": Keycard keeps its sessions in memory for this test");
		return new MemorySessionStore(Math.max(1, properties.getMemory().getMaxSessions()),
				clock.getIfUnique(Clock::systemUTC));
	}

}
