package dev.keycard.session.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.util.Assert;

import dev.keycard.session.UserSession;
import dev.keycard.session.UserSessions;
import dev.keycard.session.web.SignInLimit;

/**
 * Spring Security's {@link SessionRegistry} on Keycard's principal index, so that
 * {@code sessionManagement((sessions) -> sessions.maximumSessions(n))} works on a server-side
 * store, with no other line in the filter chain. Keycard declares it as a bean; Spring
 * Security's concurrency control uses a {@code SessionRegistry} bean when there is one.
 *
 * <p>What it answers:
 * <ul>
 * <li>{@link #getAllSessions(Object, boolean)}: the user's live sessions, from
 * {@link UserSessions#list}; each one's id is {@link UserSession#id()}, its last request
 * {@link UserSession#lastSeen()}. {@link SessionInformation#expireNow()} on one revokes it: its
 * record is deleted and its next request, on any instance, is anonymous. Keycard keeps no
 * expired-but-listed sessions, so {@code includeExpiredSessions} changes nothing.</li>
 * <li>{@link #getAllPrincipals()} is not supported: the index is kept per user, and listing
 * every user would mean scanning the store (Spring Session's registry refuses it too).</li>
 * <li>{@link #getSessionInformation(String)} answers {@code null}: Keycard's
 * {@code HttpSession.getId()} is a value of the request, never the session's key, and a
 * session signed out by the limit is deleted, not marked expired, so Spring Security's
 * {@code ConcurrentSessionFilter} has nothing to do on any request and costs no store read.</li>
 * <li>{@link #registerNewSession}, {@link #refreshLastRequest} and
 * {@link #removeSessionInformation} write nothing: a session is filed under its user when it is
 * saved, and a request writes nothing just to record a visit.</li>
 * </ul>
 *
 * <p>The limit itself does not count through this registry: when Spring Security's
 * {@code ConcurrentSessionControlAuthenticationStrategy} uses it, Keycard's
 * {@link ConcurrentSessionControlPostProcessor} puts a strategy in its place that hands
 * {@code n} to {@link SignInLimit}, which trims the user's sessions once the sign-in is saved:
 * exact under simultaneous sign-ins, where counting before the save is not.
 */
public final class KeycardSessionRegistry implements SessionRegistry {

	private final UserSessions sessions;

	private final SignInLimit signInLimit;

	/**
	 * Create a registry.
	 * @param sessions the sessions of each user
	 * @param signInLimit what limits a user's sign-ins once they are saved
	 */
	public KeycardSessionRegistry(UserSessions sessions, SignInLimit signInLimit) {
		Assert.notNull(sessions, "sessions must not be null");
		Assert.notNull(signInLimit, "signInLimit must not be null");
		this.sessions = sessions;
		this.signInLimit = signInLimit;
	}

	/**
	 * Not supported: Keycard files sessions per user, and cannot list every user without
	 * scanning the store.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public List<Object> getAllPrincipals() {
		throw new UnsupportedOperationException("Keycard's SessionRegistry cannot list every principal: sessions are "
				+ "filed per user, and listing all users would scan the whole store. Ask for one user's sessions with "
				+ "getAllSessions(principal, false), or UserSessions.list(name, null).");
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		Assert.notNull(principal, "principal must not be null");
		String name = nameOf(principal);
		// Mutable: Spring Security's strategy sorts the list it is given.
		List<SessionInformation> sessions = new ArrayList<>();
		if (!this.sessions.isAvailable()) {
			return sessions;
		}
		for (UserSession session : this.sessions.list(name, null)) {
			sessions.add(new RevocableSessionInformation(principal, name, session, this.sessions));
		}
		return sessions;
	}

	@Override
	public @Nullable SessionInformation getSessionInformation(String sessionId) {
		return null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
	}

	@Override
	public void removeSessionInformation(String sessionId) {
	}

	SignInLimit signInLimit() {
		return this.signInLimit;
	}

	/**
	 * The name a principal is filed under, as {@code Authentication.getName()} gives it: what
	 * Keycard files a session under when Spring Security signs a user in.
	 */
	static String nameOf(Object principal) {
		if (principal instanceof UserDetails user) {
			return user.getUsername();
		}
		if (principal instanceof AuthenticatedPrincipal authenticated) {
			return authenticated.getName();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return principal.toString();
	}

	/** One session of a user, which {@link #expireNow()} revokes. */
	private static final class RevocableSessionInformation extends SessionInformation {

		private final String name;

		private final UserSessions sessions;

		RevocableSessionInformation(Object principal, String name, UserSession session, UserSessions sessions) {
			super(principal, session.id(), Date.from(session.lastSeen()));
			this.name = name;
			this.sessions = sessions;
		}

		@Override
		public void expireNow() {
			super.expireNow();
			this.sessions.revoke(this.name, getSessionId());
		}

	}

}
