package dev.keycard.session.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnSessionStore}. A value that does not bind matches no
 * store; binding {@link SessionProperties} then reports it with the values it may take.
 */
class OnSessionStoreCondition extends SpringBootCondition {

	static final String PROPERTY = "app.session.store";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSessionStore.class.getName());
		SessionStoreType required = (SessionStoreType) attributes.get("value");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSessionStore.class, required);
		SessionStoreType configured;
		try {
			configured = Binder.get(context.getEnvironment())
				.bind(PROPERTY, SessionStoreType.class)
				.orElse(SessionStoreType.COOKIE);
		}
		catch (BindException ex) {
			return ConditionOutcome.noMatch(message.because(PROPERTY + " is not a store"));
		}
		return (configured == required) ? ConditionOutcome.match(message.found(PROPERTY).items(configured))
				: ConditionOutcome.noMatch(message.found(PROPERTY).items(configured));
	}

}
