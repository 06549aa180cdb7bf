package dev.keycard.session.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.keycard.session.UserSessions;
import dev.keycard.session.actuate.KeycardEndpoint;
import dev.keycard.session.actuate.KeycardEndpoint.CleanupDescriptor;
import dev.keycard.session.actuate.KeycardEndpoint.CleanupRunDescriptor;
import dev.keycard.session.codec.KeyUsage;
import dev.keycard.session.web.DefaultSessionManager;

/**
 * The {@code keycard} actuator endpoint, when it is exposed.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean({ DefaultSessionManager.class, KeyUsage.class })
public final class SessionEndpointAutoConfiguration {

	// On the method, not the class: the class's @ConditionalOnClass must be able to skip it
	// before this condition's own class is needed.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	KeycardEndpoint keycardEndpoint(DefaultSessionManager manager, KeyUsage keyUsage,
			ObjectProvider<ExpiredSessionCleanup> cleanups, ObjectProvider<UserSessions> userSessions) {
		KeycardEndpoint endpoint = new KeycardEndpoint(manager.getStorage(), manager.getCookie(), manager.getLifetime(), keyUsage, () -> {
			ExpiredSessionCleanup cleanup = cleanups.getIfUnique();
			if (cleanup == null) {
				return null;
			}
			ExpiredSessionCleanup.CleanupRun run = cleanup.lastRun();
			return new CleanupDescriptor(cleanup.storeName(), cleanup.interval(), (run != null)
					? new CleanupRunDescriptor(run.startedAt(), run.deleted(), run.took(), run.failure()) : null);
		});
		endpoint.setUserSessions(userSessions.getIfUnique());
		return endpoint;
	}

}
