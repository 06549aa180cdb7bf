package dev.keycard.session.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.redis.RedisSessionStore;

/**
 * The Redis store: one hash per session on Boot's Redis connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnSessionStore(SessionStoreType.REDIS)
@ConditionalOnMissingBean(SessionStore.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
class RedisSessionStoreConfiguration {

	@Bean
	RedisSessionStore redisSessionStore(RedisConnectionFactory connectionFactory, SessionProperties properties,
			ObjectProvider<Clock> clock) {
		return new RedisSessionStore(connectionFactory, properties.getRedis().getKeyPrefix(),
				clock.getIfUnique(Clock::systemUTC));
	}

}
