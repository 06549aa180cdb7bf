package dev.keycard.sample;

import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.keycard.session.SessionManager;

/**
 * Refuses every request that can change state (POST, PUT, PATCH, DELETE) unless it carries
 * the session's CSRF token, in the {@value CsrfTokens#HEADER_NAME} header or the
 * {@value CsrfTokens#PARAMETER_NAME} form field. It runs before the handler, so a refused
 * request changes nothing.
 */
final class CsrfInterceptor implements HandlerInterceptor {

	/** Methods that must not change state, so need no token (as in Spring Security). */
	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final SessionManager sessionManager;

	CsrfInterceptor(SessionManager sessionManager) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		this.sessionManager = sessionManager;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// An error dispatch repeats the method of a request that was checked already.
		if (request.getDispatcherType() != DispatcherType.REQUEST || SAFE_METHODS.contains(request.getMethod())) {
			return true;
		}
		String candidate = request.getHeader(CsrfTokens.HEADER_NAME);
		if (candidate == null) {
			candidate = request.getParameter(CsrfTokens.PARAMETER_NAME);
		}
		if (candidate == null) {
			throw new InvalidCsrfTokenException("The request carried no CSRF token");
		}
		if (!CsrfTokens.matches(this.sessionManager.load(request), candidate)) {
			throw new InvalidCsrfTokenException("The request carried a CSRF token that is not this session's");
		}
		return true;
	}

}
