package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.http.ResponseCookie;

/**
 * Writes the {@code Set-Cookie} header of the session cookie exactly as {@link ResponseCookie}
 * does, but renders the attributes that never change once, and the {@code Expires} date once
 * per second: this runs on every response that carries a session.
 */
final class SessionCookieHeader {

	/** The format of {@link org.springframework.http.HttpHeaders} dates, which ResponseCookie uses. */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
		.withZone(ZoneId.of("GMT"));

	private final String prefix;

	private final String pathAndDomain;

	private final String flags;

	private final boolean browserSession;

	private final String expiring;

	private volatile FormattedExpiry lastExpiry = new FormattedExpiry(0, formatDate(0));

	SessionCookieHeader(SessionCookieSettings settings) {
		// ResponseCookie checks the name, path and domain once, here, as it would on every request.
		ResponseCookie expiringCookie = ResponseCookie.from(settings.name(), "")
			.path(settings.path())
			.domain(settings.domain())
			.secure(settings.secure())
			.httpOnly(settings.httpOnly())
			.sameSite(settings.sameSite())
			.maxAge(Duration.ZERO)
			.build();
		this.expiring = expiringCookie.toString();
		this.prefix = settings.name() + "=";
		this.pathAndDomain = ((settings.path() != null && !settings.path().isBlank()) ? "; Path=" + settings.path() : "")
				+ ((settings.domain() != null && !settings.domain().isBlank()) ? "; Domain=" + settings.domain() : "");
		this.flags = (settings.secure() ? "; Secure" : "") + (settings.httpOnly() ? "; HttpOnly" : "")
				+ (!settings.sameSite().isBlank() ? "; SameSite=" + settings.sameSite() : "");
		this.browserSession = settings.isBrowserSession();
	}

	/**
	 * Return the header that sets the cookie.
	 * @param value the cookie value, already safe for a cookie
	 * @param now the time of the response
	 * @param expiresAt when the session expires, for {@code Max-Age} and {@code Expires}
	 */
	String issue(String value, Instant now, Instant expiresAt) {
		StringBuilder header = new StringBuilder(this.prefix.length() + value.length() + 128).append(this.prefix)
			.append(value)
			.append(this.pathAndDomain);
		if (!this.browserSession) {
			long maxAge = Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
			header.append("; Max-Age=").append(maxAge).append("; Expires=").append(expires(now, maxAge));
		}
		return header.append(this.flags).toString();
	}

	/** Return the header that removes the cookie from the browser. */
	String expire() {
		return this.expiring;
	}

	private String expires(Instant now, long maxAge) {
		long second = (maxAge > 0) ? now.getEpochSecond() + maxAge : 0;
		FormattedExpiry last = this.lastExpiry;
		if (last.epochSecond() != second) {
			last = new FormattedExpiry(second, formatDate(second));
			this.lastExpiry = last;
		}
		return last.text();
	}

	private static String formatDate(long epochSecond) {
		return HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
	}

	private record FormattedExpiry(long epochSecond, String text) {
	}

}
