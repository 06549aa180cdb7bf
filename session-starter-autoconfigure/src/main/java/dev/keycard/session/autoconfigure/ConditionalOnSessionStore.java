package dev.keycard.session.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code app.session.store}, bound as the property is (relaxed, so {@code redis},
 * {@code Redis} and {@code REDIS} are one value), names the given store; a missing property is
 * {@link SessionStoreType#COOKIE}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSessionStoreCondition.class)
@interface ConditionalOnSessionStore {

	/**
	 * The store that must be configured.
	 * @return the store
	 */
	SessionStoreType value();

}
