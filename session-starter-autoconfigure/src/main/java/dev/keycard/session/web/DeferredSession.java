package dev.keycard.session.web;

import jakarta.servlet.http.HttpServletResponse;

import dev.keycard.session.Session;

/**
 * The session of one request, read on first use and written once something asks for the
 * commit, as Spring Security's {@code DeferredSecurityContext} defers a security context. One
 * object per request, kept under a request attribute; {@link SessionFilter} commits it before
 * the response commits and when the request ends.
 */
public interface DeferredSession {

	/**
	 * Return the session, reading it from the request on the first call.
	 * @return the session, the same object on every call
	 */
	Session get();

	/**
	 * Whether {@link #get()} has been called: a session never read is never written, and its
	 * response depends on no cookie.
	 * @return whether the session was read
	 */
	boolean isLoaded();

	/**
	 * Whether there may be a session, without reading it: the request came with a session
	 * cookie (not yet verified), or the session was read and is not new and empty.
	 * @return {@code false} only if there is certainly no session
	 */
	boolean mayExist();

	/**
	 * Write what this request changed, if anything must be written, and mark a response that
	 * read the session as private to the client ({@code Vary: Cookie},
	 * {@code Cache-Control: private}). Decides before any side effect: if the change needs a
	 * cookie that can no longer be sent because the response is committed, nothing is written
	 * anywhere, and the log says why. Safe to call more than once: a later call writes only what
	 * changed since. A call after a failed one does nothing.
	 * @param response the response of the request
	 * @throws dev.keycard.session.SessionTooLargeException if the session does not fit
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if its store cannot be
	 * reached
	 */
	void commit(HttpServletResponse response);

	/**
	 * Drop what this request changed and has not written, because the request failed. Whatever
	 * asks for the session afterwards in this request (an error page) gets it as stored, read
	 * again, or, when the failure is that the store cannot be reached, an empty session that is
	 * never written, rather than a second wait on the store.
	 * @param failure why the request failed
	 */
	void discard(Throwable failure);

	/**
	 * Return what the commits of this request did to the session so far.
	 * @return the outcome
	 */
	SessionOutcome outcome();

}
