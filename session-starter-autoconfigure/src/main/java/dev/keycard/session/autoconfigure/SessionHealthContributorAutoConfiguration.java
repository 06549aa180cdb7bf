package dev.keycard.session.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dev.keycard.session.actuate.SessionStoreHealthIndicator;
import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionStorage;

/**
 * The {@code keycard} health contributor: where sessions are kept, and whether a store answers.
 * It is not in the readiness group: a store outage already answers 503 on the routes that need
 * a session, and taking an instance out of the load balancer would not bring the store back.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DefaultSessionManager.class)
public final class SessionHealthContributorAutoConfiguration {

	// On the method, not the class: the class's @ConditionalOnClass must be able to skip it
	// before this condition's own class is needed.
	@Bean
	@ConditionalOnMissingBean(name = "keycardHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("keycard")
	SessionStoreHealthIndicator keycardHealthIndicator(DefaultSessionManager manager, ObjectProvider<SessionStore> stores,
			SessionProperties properties, ObjectProvider<RevocationList> revocations) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("keycard-health-");
		executor.setDaemon(true);
		SessionStorage storage = manager.getStorage();
		SessionStore store = (storage.isServerSide() || storage.overflowStore() != null) ? stores.getIfUnique() : null;
		SessionStoreHealthIndicator indicator = new SessionStoreHealthIndicator(manager.getStorage(), store,
				properties.getHealth().getTimeout(), executor);
		indicator.setRevocations((store == null) ? revocations.getIfUnique() : null);
		return indicator;
	}

}
