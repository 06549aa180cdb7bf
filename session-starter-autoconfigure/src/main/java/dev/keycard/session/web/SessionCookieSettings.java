package dev.keycard.session.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the session cookie is written and how long a session lives.
 *
 * @param name the cookie name
 * @param maxAge the idle lifetime: cookie {@code Max-Age} and server-enforced expiry; negative
 * for a browser-session cookie, which the server still expires after
 * {@link #BROWSER_SESSION_IDLE_TIMEOUT} without a save
 * @param absoluteTimeout the longest life since creation, or {@code null} for none
 * @param rolling whether an unchanged session is refreshed once more than half of its idle
 * lifetime has passed
 * @param path the cookie {@code Path}
 * @param domain the cookie {@code Domain}, or {@code null} for none
 * @param secure whether the cookie is sent over HTTPS only
 * @param httpOnly whether the cookie is hidden from JavaScript
 * @param sameSite the cookie {@code SameSite} attribute: {@code Strict}, {@code Lax} or
 * {@code None}
 */
public record SessionCookieSettings(String name, Duration maxAge, @Nullable Duration absoluteTimeout, boolean rolling,
		String path, @Nullable String domain, boolean secure, boolean httpOnly, String sameSite) {

	/** Idle lifetime the server enforces for browser-session cookies: no session lives forever. */
	public static final Duration BROWSER_SESSION_IDLE_TIMEOUT = Duration.ofDays(14);

	public SessionCookieSettings {
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(!maxAge.isZero(), "maxAge must not be zero");
		Assert.isTrue(absoluteTimeout == null || (!absoluteTimeout.isNegative() && !absoluteTimeout.isZero()), "absoluteTimeout must be positive");
	}

	/**
	 * Return the settings Keycard uses by default, with the given cookie name.
	 * @param name the cookie name
	 * @return the default settings
	 */
	public static SessionCookieSettings defaults(String name) {
		return new SessionCookieSettings(name, Duration.ofDays(14), null, true, "/", null, false, true, "Lax");
	}

	/**
	 * Return the idle lifetime the server enforces.
	 * @return {@link #maxAge()}, or {@link #BROWSER_SESSION_IDLE_TIMEOUT} for a browser-session
	 * cookie
	 */
	public Duration idleTimeout() {
		return isBrowserSession() ? BROWSER_SESSION_IDLE_TIMEOUT : this.maxAge;
	}

	/**
	 * Whether the cookie lasts only as long as the browser session.
	 * @return {@code true} if {@link #maxAge()} is negative
	 */
	public boolean isBrowserSession() {
		return this.maxAge.isNegative();
	}

}
