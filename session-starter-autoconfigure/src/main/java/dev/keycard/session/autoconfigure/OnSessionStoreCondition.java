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
 * The condition behind {@link ConditionalOnSessionStore}: {@code app.session.store} names the
 * store, or keeps sessions in cookies that overflow to it ({@code app.session.overflow-store}).
 * A value that does not bind matches no store; binding {@link SessionProperties} then reports
 * it with the values it may take.
 */
class OnSessionStoreCondition extends SpringBootCondition {

	static final String PROPERTY = "app.session.store";

	static final String OVERFLOW_PROPERTY = "app.session.overflow-store";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSessionStore.class.getName());
		SessionStoreType required = (SessionStoreType) attributes.get("value");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSessionStore.class, required);
		SessionStoreType configured;
		SessionStoreType overflow;
		try {
			Binder binder = Binder.get(context.getEnvironment());
			configured = binder.bind(PROPERTY, SessionStoreType.class).orElse(SessionStoreType.COOKIE);
			overflow = binder.bind(OVERFLOW_PROPERTY, SessionStoreType.class).orElse(null);
		}
		catch (BindException ex) {
			return ConditionOutcome.noMatch(message.because(PROPERTY + " or " + OVERFLOW_PROPERTY + " is not a store"));
		}
		if (configured == required) {
			return ConditionOutcome.match(message.found(PROPERTY).items(configured));
		}
		if (configured == SessionStoreType.COOKIE && overflow == required) {
			return ConditionOutcome.match(message.found(OVERFLOW_PROPERTY).items(overflow));
		}
		return ConditionOutcome.noMatch(message.found(PROPERTY).items(configured));
	}

}
