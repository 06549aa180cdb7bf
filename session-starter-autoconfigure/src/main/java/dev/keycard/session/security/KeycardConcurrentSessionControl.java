package dev.keycard.session.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionLimit;

import dev.keycard.session.web.SignInLimit;

/**
 * Spring Security's concurrency control ({@code maximumSessions(n)}) on Keycard, where the
 * oldest sign-ins are signed out: instead of counting the user's sessions before the new one
 * is saved, which lets simultaneous sign-ins all see room for themselves, it hands the limit to
 * {@link SignInLimit}, which trims the user's sessions once the new one is saved, exactly.
 * {@code n} is what Spring Security answers for the authentication, so a
 * {@code maximumSessions(SessionLimit)} that depends on the user is honoured; {@code -1} means
 * no limit.
 */
final class KeycardConcurrentSessionControl extends ConcurrentSessionControlAuthenticationStrategy {

	private final SignInLimit signInLimit;

	KeycardConcurrentSessionControl(KeycardSessionRegistry registry, SessionLimit maximumSessions) {
		super(registry);
		setMaximumSessions(maximumSessions);
		this.signInLimit = registry.signInLimit();
	}

	@Override
	public void onAuthentication(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		int maximum = getMaximumSessionsForThisUser(authentication);
		if (maximum != -1) {
			this.signInLimit.enforce(request, maximum);
		}
	}

}
