package dev.keycard.session.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * Keeps a user to a number of signed-in sessions, exactly, however many sign-ins arrive at the
 * same moment: Spring Security's {@code maximumSessions(n)} on Keycard. Once a session is
 * saved signed in, every session of the user but the {@code n} most recent sign-ins is revoked
 * (deleted: its next request is anonymous). A sign-in's time is the stamp
 * {@link SessionDevices#bind} gives the session.
 *
 * <p>Why it is exact: sessions are ranked in one order that every request agrees on (time of
 * sign-in, newest first, then store key). A session among the {@code n} first of all the user's
 * sessions is among the {@code n} first of any part of them, so no request ever revokes it;
 * and the request whose save came last lists the user's sessions after every save, sees all
 * that are left, and revokes all but those {@code n}. Counting before the save, as Spring
 * Security's own strategy does, lets every one of simultaneous sign-ins see room for itself,
 * and all of them stay signed in. (It takes of the store what its contract promises: a listing
 * sees every save that returned before it started.)
 *
 * <p>Spring Security's {@code maximumSessions(n)} uses it with no line of yours. Without
 * Spring Security, make one on the {@code DefaultSessionManager} bean and enforce it where the
 * application signs a user in:
 * <pre class="code">
 * SignInLimit signInLimit = new SignInLimit(sessionManager);
 * ...
 * signInLimit.enforce(request, 2);
 * userSessions.signIn(request, username);
 * </pre>
 *
 * <p>Needs a store that keeps a principal index (memory, file, Redis, JDBC); on the cookie
 * store there is nothing to count.
 */
public final class SignInLimit {

	private final DefaultSessionManager manager;

	private final @Nullable SessionStore store;

	/**
	 * Create the sign-in limit of a session manager's sessions.
	 * @param manager the session manager
	 */
	public SignInLimit(DefaultSessionManager manager) {
		Assert.notNull(manager, "manager must not be null");
		SessionStore store = manager.store();
		this.manager = manager;
		this.store = (store != null && store.isIndexedByPrincipal()) ? store : null;
	}

	/**
	 * Limit the user this request signs in to {@code maximum} sessions: once the session is
	 * saved signed in, revoke every session of the user but the {@code maximum} most recent
	 * sign-ins. Call it while the request signs the user in; the revocation runs when the
	 * session is saved, before the response is sent. The session of this very request is
	 * revoked too if simultaneous sign-ins were more recent.
	 * @param request the request that signs a user in
	 * @param maximum how many sessions the user keeps, at least 1
	 * @throws UnsupportedOperationException if sessions are kept where they cannot be counted
	 * (the cookie store, or a store of yours without a principal index)
	 */
	public void enforce(HttpServletRequest request, int maximum) {
		Assert.notNull(request, "request must not be null");
		Assert.isTrue(maximum > 0, () -> "maximum must be at least 1, but is " + maximum);
		SessionStore store = indexedStore();
		this.manager.afterSignedInWrite(request, (principal) -> keepNewest(store, principal, maximum));
	}

	private static void keepNewest(SessionStore store, String principal, int maximum) {
		Map<String, SessionRecord> sessions = store.findByPrincipal(principal);
		if (sessions.size() <= maximum) {
			return;
		}
		List<String> keys = new ArrayList<>(sessions.keySet());
		keys.sort(Comparator.comparing((String key) -> SessionDevices.signedInAt(sessions.get(key)))
			.thenComparing(Comparator.naturalOrder())
			.reversed());
		for (String key : keys.subList(maximum, keys.size())) {
			store.delete(key);
		}
	}

	/**
	 * Return whether sign-ins can be limited: sessions are in a store that keeps a principal
	 * index.
	 * @return {@code false} on the cookie store
	 */
	public boolean isAvailable() {
		return this.store != null;
	}

	private SessionStore indexedStore() {
		SessionStore store = this.store;
		if (store == null) {
			throw new UnsupportedOperationException("Sign-ins cannot be limited (maximumSessions) on the cookie store, "
					+ "or on a store without a principal index: the server cannot count a user's sessions. Use a "
					+ "server-side store (app.session.store: memory, file, redis or jdbc).");
		}
		return store;
	}

}
