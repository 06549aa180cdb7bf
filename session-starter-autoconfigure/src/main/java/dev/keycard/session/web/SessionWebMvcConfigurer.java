package dev.keycard.session.web;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.keycard.session.SessionManager;

/**
 * Lets controller methods declare a {@code Session} parameter, and answers 503 when the session
 * store cannot be reached.
 */
public final class SessionWebMvcConfigurer implements WebMvcConfigurer {

	private final SessionManager sessionManager;

	/**
	 * Create a configurer that resolves sessions with the given manager.
	 * @param sessionManager the session manager
	 */
	public SessionWebMvcConfigurer(SessionManager sessionManager) {
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
