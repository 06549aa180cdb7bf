package dev.keycard.session.security;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionLimit;
import org.springframework.util.ReflectionUtils;

/**
 * Makes {@code maximumSessions(n)} exact on Keycard: puts {@link KeycardConcurrentSessionControl}
 * in the place of the {@link ConcurrentSessionControlAuthenticationStrategy} that Spring
 * Security's {@code sessionManagement()} builds, when that strategy uses
 * {@link KeycardSessionRegistry}. Spring Security hands the strategy to the application
 * context's bean post-processors before it uses it; the replacement is a subclass, as Spring
 * Security requires, with the same {@code SessionLimit}.
 *
 * <p>Left as they are: a strategy with {@code maxSessionsPreventsLogin(true)} (Spring
 * Security's own behaviour then: a sign-in over the limit is refused, counted before the new
 * session is saved, so simultaneous sign-ins may exceed it; and since Keycard's
 * {@code HttpSession.getId()} is never an id the registry lists, a user at the limit who signs
 * in again on a signed-in browser is refused too), a strategy on another registry, a subclass
 * of the application's. Spring Security offers no getter for the strategy's
 * settings, so they are read from its fields; if a Spring Security version names them
 * otherwise, the strategy is left as it is and a warning says that the limit is then not exact
 * under simultaneous sign-ins.
 */
public final class ConcurrentSessionControlPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(ConcurrentSessionControlPostProcessor.class);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean.getClass() != ConcurrentSessionControlAuthenticationStrategy.class) {
			return bean;
		}
		ConcurrentSessionControlAuthenticationStrategy strategy = (ConcurrentSessionControlAuthenticationStrategy) bean;
		Field registry = field("sessionRegistry", SessionRegistry.class);
		Field preventsLogin = field("exceptionIfMaximumExceeded", boolean.class);
		Field limit = field("sessionLimit", SessionLimit.class);
		if (registry == null || preventsLogin == null || limit == null) {
			logger.warn("maximumSessions is not exact under simultaneous sign-ins: this Spring Security version's "
					+ "ConcurrentSessionControlAuthenticationStrategy cannot be read by Keycard, and is left as it is");
			return bean;
		}
		if (!(ReflectionUtils.getField(registry, strategy) instanceof KeycardSessionRegistry keycard)) {
			return bean;
		}
		if (!keycard.signInLimit().isAvailable()) {
			// Every sign-in would fail on a registry that cannot list sessions: say so now, once.
			throw new IllegalStateException("maximumSessions needs sessions kept in a store with a principal index "
					+ "(app.session.store: memory, file, redis or jdbc), where a user's sessions can be counted; here "
					+ "sessions are kept in cookies that overflow to a store, or in a store of the application's that "
					+ "keeps no principal index. Remove maximumSessions from the SecurityFilterChain, or keep "
					+ "sessions in a server-side store.");
		}
		if (Boolean.TRUE.equals(ReflectionUtils.getField(preventsLogin, strategy))) {
			return bean;
		}
		return new KeycardConcurrentSessionControl(keycard, (SessionLimit) ReflectionUtils.getField(limit, strategy));
	}

	private static @Nullable Field field(String name, Class<?> type) {
		Field field = ReflectionUtils.findField(ConcurrentSessionControlAuthenticationStrategy.class, name, type);
		if (field == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return field;
		}
		catch (RuntimeException ex) {
			// A module system that closes the package: left as Spring Security made it, with the warning.
			return null;
		}
	}

}
