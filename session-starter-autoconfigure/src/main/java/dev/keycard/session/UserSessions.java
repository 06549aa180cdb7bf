package dev.keycard.session;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of each signed-in user: listed and revoked, for "sign out my other devices" and
 * "a password change signs me out everywhere". Works on every server-side store (memory, file,
 * Redis, JDBC, and a store of your own that keeps a principal index), and on the cookie store
 * with a revocation store ({@code app.session.revocation.store}), where a revocation reaches
 * every instance within {@code app.session.revocation.max-staleness}.
 *
 * <p>With Spring Security, a session belongs to the user Spring Security signed in, with
 * nothing to call. Without it, call {@link #signIn(HttpServletRequest, String)} where the
 * application signs a user in.
 *
 * <pre class="code">
 * &#64;PostMapping("/devices/sign-out-others")
 * String signOutOthers(HttpServletRequest request) {
 *     userSessions.revokeOthers(request);
 *     return "redirect:/devices";
 * }
 * </pre>
 */
public interface UserSessions {

	/**
	 * Return whether sessions can be listed and revoked: they are in a server-side store that
	 * keeps a principal index, or in cookies with a revocation store.
	 * @return {@code false} on the cookie store without a revocation store
	 */
	boolean isAvailable();

	/**
	 * Sign a user in on this request's session, for applications without Spring Security: the
	 * session gets a new id (against session fixation) and is filed under the principal, with
	 * a short description of the device.
	 * @param request the current request
	 * @param principal the user's name, as later passed to {@link #list(String, HttpServletRequest)}
	 */
	void signIn(HttpServletRequest request, String principal);

	/**
	 * Return the principal this request's session belongs to.
	 * @param request the current request
	 * @return the principal, or {@code null} if nobody is signed in on it
	 */
	@Nullable String principalOf(HttpServletRequest request);

	/**
	 * List a user's live sessions, newest first.
	 * @param principal the user
	 * @param request the current request, to mark its session as {@link UserSession#current()},
	 * or {@code null}
	 * @return the sessions
	 * @throws UnsupportedOperationException if the sessions are kept where they cannot be listed
	 * (the cookie store without a revocation store that records sessions)
	 */
	List<UserSession> list(String principal, @Nullable HttpServletRequest request);

	/**
	 * Revoke one of a user's sessions: its record is deleted, and its next request is anonymous.
	 * @param principal the user
	 * @param id the session's {@link UserSession#id()}
	 * @return whether a session of that user was revoked
	 */
	boolean revoke(String principal, String id);

	/**
	 * Revoke every session of the user of this request but this request's own.
	 * @param request the current request
	 * @return how many sessions were revoked; none if nobody is signed in on this request
	 */
	int revokeOthers(HttpServletRequest request);

	/**
	 * Revoke every session of a user: the call to make after a password change.
	 * @param principal the user
	 * @return how many sessions were revoked
	 */
	int revokeAll(String principal);

}
