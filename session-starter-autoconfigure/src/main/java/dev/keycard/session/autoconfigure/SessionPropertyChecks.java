package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.http.ResponseCookie;

import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionCookieCustomizer;
import dev.keycard.session.web.SessionLifetime;

/**
 * Turns the cookie and lifetime properties into what Keycard runs on, refusing values that
 * would make sessions insecure or broken with a report that names the property and says what
 * to do.
 */
final class SessionPropertyChecks {

	/** A signed id's cookie is about 100 bytes: a smaller threshold would move every session. */
	private static final int MIN_OVERFLOW_THRESHOLD = 256;

	/** Name and value, under the longest Set-Cookie browsers keep with Path, Domain, Max-Age, Expires and flags. */
	private static final int MAX_OVERFLOW_THRESHOLD = SessionCodec.MAX_COOKIE_LENGTH - 512;

	private SessionPropertyChecks() {
	}

	static SessionLifetime lifetime(SessionProperties properties) {
		Duration maxAge = properties.getMaxAge();
		if (maxAge.isZero()) {
			throw InvalidSessionConfigurationException.property("max-age", "is zero, so every session would expire at once",
					"Set app.session.max-age to a positive duration such as 1800 (seconds), 30m or 14d, or a negative "
							+ "one for a browser-session cookie.");
		}
		if (!maxAge.isNegative() && maxAge.getSeconds() < 1) {
			throw InvalidSessionConfigurationException.property("max-age", "is " + maxAge.toMillis()
					+ " milliseconds; cookies count in whole seconds, so every session would expire at once",
					"Set app.session.max-age in seconds (a bare number is seconds) or with a unit, such as 30m or 14d.");
		}
		Duration absoluteTimeout = properties.getAbsoluteTimeout();
		if (absoluteTimeout != null && absoluteTimeout.getSeconds() < 1) {
			throw InvalidSessionConfigurationException.property("absolute-timeout",
					"is " + absoluteTimeout + ", but it must be at least one second",
					"Set app.session.absolute-timeout to a duration such as 43200 (seconds) or 12h, or remove it.");
		}
		return new SessionLifetime(maxAge, absoluteTimeout, properties.isRolling());
	}

	/** The overflow threshold in bytes: a cookie the browser keeps, and longer than a signed id's. */
	static int overflowThreshold(SessionProperties properties) {
		long bytes = properties.getOverflowThreshold().toBytes();
		if (bytes < MIN_OVERFLOW_THRESHOLD || bytes > MAX_OVERFLOW_THRESHOLD) {
			throw InvalidSessionConfigurationException.property("overflow-threshold", "is " + bytes
					+ " bytes, but it must be between " + MIN_OVERFLOW_THRESHOLD + " bytes (a signed id's cookie) and "
					+ MAX_OVERFLOW_THRESHOLD + " (the longest cookie browsers keep, "
					+ SessionCodec.MAX_COOKIE_LENGTH + " bytes, less room for its attributes)",
					"Set app.session.overflow-threshold to a size such as 3KB, leaving room for the site's other "
							+ "cookies under the server's header limit (8 KB on Tomcat).");
		}
		return (int) bytes;
	}

	/** The staleness bound of revocations: checked four times within it, a few tens of milliseconds at least. */
	static Duration maxStaleness(SessionRevocationProperties properties) {
		Duration bound = properties.getMaxStaleness();
		if (bound.toMillis() < 100 || bound.compareTo(Duration.ofMinutes(10)) > 0) {
			throw InvalidSessionConfigurationException.property("revocation.max-staleness", "is " + bound
					+ ", but it must be between 100 ms and 10 minutes",
					"Set app.session.revocation.max-staleness to a duration such as 5s (the default).");
		}
		return bound;
	}

	static SessionCookie cookie(SessionProperties properties, SessionLifetime lifetime,
			List<SessionCookieCustomizer> customizers) {
		SameSite sameSite = properties.getSameSite();
		if (sameSite == SameSite.NONE && !properties.isSecure()) {
			throw InvalidSessionConfigurationException.property("same-site",
					"is None while app.session.secure is false; browsers reject SameSite=None cookies that are not Secure",
					"Set app.session.secure to true (and serve the application over HTTPS), or use SameSite Lax.");
		}
		String name = properties.getCookieName();
		check("cookie-name", (cookie) -> cookie, name, "not a valid cookie name",
				"Set app.session.cookie-name to letters, digits and '-' or '_', such as 'session'.");
		check("path", (cookie) -> cookie.path(properties.getPath()), name, "not valid in a cookie",
				"Set app.session.path to a path such as '/'.");
		check("domain", (cookie) -> cookie.domain(properties.getDomain()), name, "not valid in a cookie",
				"Set app.session.domain to a host name such as 'example.com', or remove it.");
		ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name)
			.path(properties.getPath())
			.domain(properties.getDomain())
			.secure(properties.isSecure())
			.httpOnly(properties.isHttpOnly())
			.sameSite(sameSite.attributeValue());
		customizers.forEach((customizer) -> customizer.customize(cookie));
		return new SessionCookie(cookie.build(), lifetime.isBrowserSession());
	}

	private static void check(String property, UnaryOperator<ResponseCookie.ResponseCookieBuilder> attribute,
			String name, String problem, String action) {
		try {
			attribute.apply(ResponseCookie.from(name, "value")).build();
		}
		catch (IllegalArgumentException ex) {
			throw InvalidSessionConfigurationException.property(property, "is " + problem + ": " + ex.getMessage(),
					action);
		}
	}

}
