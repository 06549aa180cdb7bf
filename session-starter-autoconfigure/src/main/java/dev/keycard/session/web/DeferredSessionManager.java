package dev.keycard.session.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;

/**
 * A {@link SessionManager} whose sessions {@link SessionFilter} saves by itself: it hands out
 * each request's session as a {@link DeferredSession} that the filter commits. Keycard's
 * {@link DefaultSessionManager} is one; a {@code SessionManager} bean of your own must be one
 * too (delegating to a {@code DefaultSessionManager} is the easy way), or Keycard refuses to
 * start rather than silently never save.
 */
public interface DeferredSessionManager extends SessionManager {

	/**
	 * Return the session of a request without reading it.
	 * @param request the current request
	 * @return the request's deferred session, the same object on every call within the request
	 */
	DeferredSession loadDeferred(HttpServletRequest request);

	@Override
	default Session load(HttpServletRequest request) {
		return loadDeferred(request).get();
	}

}
