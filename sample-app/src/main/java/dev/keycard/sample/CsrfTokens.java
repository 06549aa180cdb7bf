package dev.keycard.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;

/**
 * The CSRF token of a session: a random 256-bit value kept in the session under
 * {@value #SESSION_KEY}, which every state-changing request must send back, as the form field
 * {@value #PARAMETER_NAME} or the header {@value #HEADER_NAME}. Another site can make a
 * browser send the session cookie, but cannot read the token, so it cannot forge the request.
 */
final class CsrfTokens {

	/** Session key of the token. */
	static final String SESSION_KEY = "csrf";

	/** Form field that carries the token in every form of the dashboard. */
	static final String PARAMETER_NAME = "_csrf";

	/** Header that carries the token for API clients. */
	static final String HEADER_NAME = "X-CSRF-Token";

	private static final int TOKEN_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private CsrfTokens() {
	}

	/**
	 * Return the token of a session, creating it on first use.
	 * @param session the session
	 * @return the token
	 */
	static String getOrCreate(Session session) {
		if (session.get(SESSION_KEY) instanceof String token) {
			return token;
		}
		return renew(session);
	}

	/**
	 * Replace the token of a session with a new one; called on sign-in, so that a token
	 * learnt before (planted with the session, for example) is worthless afterwards.
	 * @param session the session
	 * @return the new token
	 */
	static String renew(Session session) {
		byte[] bytes = new byte[TOKEN_BYTES];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		session.put(SESSION_KEY, token);
		return token;
	}

	/**
	 * Whether a token sent by the client is the session's. Compared in constant time, so that
	 * response times tell nothing about how much of a guess was right.
	 * @param session the session
	 * @param candidate the token the client sent, or {@code null} if it sent none
	 * @return {@code true} only if the session has a token and the client sent it
	 */
	static boolean matches(Session session, @Nullable String candidate) {
		if (candidate == null || !(session.get(SESSION_KEY) instanceof String token)) {
			return false;
		}
		return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				candidate.getBytes(StandardCharsets.UTF_8));
	}

}
