package dev.keycard.session.autoconfigure;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;

/**
 * The memory store: sessions in this process, bounded, each with its own expiry.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Caffeine.class)
@ConditionalOnSessionStore(SessionStoreType.MEMORY)
@ConditionalOnMissingBean(SessionStore.class)
class MemorySessionStoreConfiguration {

	@Bean
	MemorySessionStore memorySessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
		long maxSessions = properties.getMemory().getMaxSessions();
		if (maxSessions < 1) {
			throw InvalidSessionConfigurationException.property("memory.max-sessions",
					"is " + maxSessions + ", but the memory store must keep at least one session",
					"Set app.session.memory.max-sessions to a positive number, such as 100000.");
		}
		return new MemorySessionStore(maxSessions, clock.getIfUnique(Clock::systemUTC));
	}

}
