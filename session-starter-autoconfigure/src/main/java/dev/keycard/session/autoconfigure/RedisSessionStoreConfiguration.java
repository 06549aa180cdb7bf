package dev.keycard.session.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.redis.RedisNearCache;
import dev.keycard.session.store.redis.RedisSessionStore;

/**
 * The Redis store: one hash per session on Boot's Redis connection, with a near cache if
 * {@code app.session.redis.near-cache.enabled} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnSessionStore(SessionStoreType.REDIS)
@ConditionalOnMissingBean(SessionStore.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
class RedisSessionStoreConfiguration {

	private static final String NEAR_CACHE = "redis.near-cache.enabled";

	@Bean
	RedisSessionStore redisSessionStore(RedisConnectionFactory connectionFactory, SessionProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<RedisNearCache> nearCache) {
		return new RedisSessionStore(connectionFactory, properties.getRedis().getKeyPrefix(),
				clock.getIfUnique(Clock::systemUTC), nearCache.getIfAvailable());
	}

	@Bean
	@ConditionalOnBooleanProperty("app.session." + NEAR_CACHE)
	RedisNearCache redisNearCache(RedisConnectionFactory connectionFactory, SessionProperties properties) {
		if (!ClassUtils.isPresent("io.lettuce.core.RedisClient", getClass().getClassLoader())
				|| !ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine", getClass().getClassLoader())) {
			throw InvalidSessionConfigurationException.property(NEAR_CACHE,
					"is true, but Lettuce or Caffeine is not on the class path",
					"Use Lettuce (Spring Boot's default Redis client, io.lettuce:lettuce-core) and add "
							+ "com.github.ben-manes.caffeine:caffeine, or remove the property.");
		}
		SessionProperties.Redis.NearCache settings = properties.getRedis().getNearCache();
		try {
			return RedisNearCache.connect(connectionFactory, settings.getMaxSessions(), settings.getTimeToLive());
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw InvalidSessionConfigurationException.property(NEAR_CACHE, "is true, but: " + ex.getMessage(),
					"The near cache needs Lettuce, Redis 6 or later speaking RESP3, and a standalone or "
							+ "Sentinel Redis (not Redis Cluster). Remove the property, or change the connection "
							+ "under spring.data.redis.");
		}
	}

}
