package dev.keycard.session.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;

/**
 * A request whose {@link HttpSession} is its Keycard session. A request that came without a
 * session has none until something creates one ({@code getSession(true)}); one that came with
 * a valid session has it, and its id is "requested and valid", so that Spring Security's
 * session fixation protection regenerates it on sign-in.
 */
final class SessionRequestWrapper extends HttpServletRequestWrapper {

	private final DeferredSession deferred;

	private final HttpSessionBridge bridge;

	private @Nullable KeycardHttpSession httpSession;

	/** Whether the client came with a valid session, once known. */
	private @Nullable Boolean requestedSessionValid;

	SessionRequestWrapper(HttpServletRequest request, DeferredSession deferred, HttpSessionBridge bridge) {
		super(request);
		this.deferred = deferred;
		this.bridge = bridge;
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		KeycardHttpSession current = this.httpSession;
		if (current != null && current.isValid()) {
			return current;
		}
		// Without reading the session: a request that only asks whether there is one (Spring MVC's
		// request events do) costs no cryptography and no store round trip.
		if (!create && (current != null || !this.deferred.mayExist())) {
			return null;
		}
		KeycardHttpSession created = new KeycardHttpSession(this.deferred, this.bridge, getServletContext(), this);
		this.httpSession = created;
		return created;
	}

	@Override
	public HttpSession getSession() {
		HttpSession session = getSession(true);
		if (session == null) {
			throw new IllegalStateException("A session could not be created");
		}
		return session;
	}

	@Override
	public String changeSessionId() {
		HttpSession session = getSession(false);
		if (session == null) {
			throw new IllegalStateException("There is no session to change the id of");
		}
		return ((KeycardHttpSession) session).regenerate();
	}

	@Override
	public @Nullable String getRequestedSessionId() {
		return isRequestedSessionIdValid() ? ((KeycardHttpSession) getSession()).getId() : null;
	}

	@Override
	public boolean isRequestedSessionIdValid() {
		Boolean valid = this.requestedSessionValid;
		if (valid == null) {
			valid = !keycardSession().isNew();
			this.requestedSessionValid = valid;
		}
		return valid;
	}

	@Override
	public boolean isRequestedSessionIdFromCookie() {
		return isRequestedSessionIdValid();
	}

	@Override
	public boolean isRequestedSessionIdFromURL() {
		return false;
	}

	private Session keycardSession() {
		Session session = this.deferred.get();
		if (this.requestedSessionValid == null) {
			this.requestedSessionValid = !session.isNew();
		}
		return session;
	}

}
