package dev.keycard.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Loads and saves {@link Session sessions} explicitly, for code that is not a controller
 * method: interceptors, filters, services.
 *
 * <p>Within one request, {@link #load(HttpServletRequest)} always returns the very object a
 * controller receives, so what an interceptor writes before or after the handler is what gets
 * saved. With Keycard's filter installed (the default), saving is automatic; call
 * {@link #save(Session, HttpServletResponse)} only to write the cookie earlier than the end of
 * the request, or where the filter is not installed.
 *
 * <pre class="code">
 * final class LastSeenInterceptor implements HandlerInterceptor {
 *     private final SessionManager sessions;
 *
 *     public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
 *         sessions.load(request).put("lastSeen", Instant.now().toString());
 *         return true;
 *     }
 * }
 * </pre>
 */
public interface SessionManager {

	/**
	 * Return the session of this request, reading it from the request on first use. A request
	 * without a valid session gets a new, empty one; this method never fails because of what
	 * the client sent.
	 * @param request the current request
	 * @return the session of this request, the same object on every call
	 */
	Session load(HttpServletRequest request);

	/**
	 * Write the session to the response if anything must be written: changed content, an
	 * invalidation, a regeneration, a due rolling refresh, or a re-issue under the current
	 * key. Adds nothing to the response otherwise. Must be called before the response is
	 * committed.
	 * @param session a session returned by {@link #load(HttpServletRequest)}
	 * @param response the response to add the cookie to
	 * @throws SessionTooLargeException if the session does not fit in a cookie
	 * @throws IllegalStateException if the response is already committed and a cookie would
	 * be needed
	 */
	void save(Session session, HttpServletResponse response);

}
