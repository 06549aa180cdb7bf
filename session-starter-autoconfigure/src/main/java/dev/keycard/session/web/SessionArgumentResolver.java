package dev.keycard.session.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.util.Assert;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;

/**
 * Resolves controller parameters of type {@link Session} to the session of the current
 * request, the same object {@link SessionManager#load} returns.
 */
final class SessionArgumentResolver implements HandlerMethodArgumentResolver {

	private final SessionManager sessionManager;

	/**
	 * Create a resolver that loads sessions with the given manager.
	 * @param sessionManager the session manager
	 */
	SessionArgumentResolver(SessionManager sessionManager) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		this.sessionManager = sessionManager;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Session.class == parameter.getParameterType();
	}

	@Override
	public Session resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		Assert.state(request != null, "A Session parameter needs a servlet request");
		return this.sessionManager.load(request);
	}

}
