package dev.keycard.session.autoconfigure;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.keycard.session.SessionManager;
import dev.keycard.session.web.SessionArgumentResolver;
import dev.keycard.session.web.SessionStoreUnavailableResolver;

/**
 * Lets controller methods declare a {@code Session} parameter, and answers 503 when the session
 * store cannot be reached.
 */
final class SessionWebMvcConfigurer implements WebMvcConfigurer {

	private final SessionManager sessionManager;

	SessionWebMvcConfigurer(SessionManager sessionManager) {
		this.sessionManager = sessionManager;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new SessionArgumentResolver(this.sessionManager));
	}

	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.add(0, new SessionStoreUnavailableResolver());
	}

}
