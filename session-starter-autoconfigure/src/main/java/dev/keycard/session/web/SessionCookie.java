package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;

/**
 * Writes the cookies of a session: the session cookie itself, its expiry, and cookies that
 * follow it (the flash marker), all with the attributes of one {@link ResponseCookie} template
 * built at startup from {@code app.session.*} and the {@link SessionCookieCustomizer}s.
 */
public final class SessionCookie {

	/** The format of {@link HttpHeaders} dates, which ResponseCookie writes Expires in. */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
		.withZone(ZoneId.of("GMT"));

	private static final String VALUE_MARKER = "keycard-value-marker";

	private static final long MAX_AGE_MARKER = 987654321L;

	private static final String MAX_AGE_ATTRIBUTE = "; Max-Age=";

	private static final String EXPIRES_ATTRIBUTE = "; Expires=";

	private final ResponseCookie template;

	private final boolean browserSession;

	private final String expiring;

	/** The header around the value, then around Max-Age and Expires, rendered once. */
	private final String beforeValue;

	private final String afterValue;

	private final String afterExpires;

	private volatile FormattedExpiry lastExpiry = new FormattedExpiry(0, formatDate(0));

	/**
	 * Create the writer of a session cookie.
	 * @param template the cookie's name and attributes; its value and {@code Max-Age} are
	 * ignored
	 * @param browserSession whether the cookie carries no {@code Max-Age}, lasting as long as
	 * the browser session
	 */
	public SessionCookie(ResponseCookie template, boolean browserSession) {
		Assert.notNull(template, "template must not be null");
		this.template = template;
		this.browserSession = browserSession;
		this.expiring = template.mutate().value("").maxAge(Duration.ZERO).build().toString();
		// ResponseCookie renders the attributes, and checks them, once, here: it formats a date
		// on every call, which cost more than signing the cookie.
		String rendered = template.mutate()
			.value(VALUE_MARKER)
			.maxAge(browserSession ? Duration.ofSeconds(-1) : Duration.ofSeconds(MAX_AGE_MARKER))
			.build()
			.toString();
		int value = rendered.indexOf(VALUE_MARKER);
		this.beforeValue = rendered.substring(0, value);
		if (browserSession) {
			this.afterValue = rendered.substring(value + VALUE_MARKER.length());
			this.afterExpires = "";
		}
		else {
			int maxAge = rendered.indexOf(MAX_AGE_ATTRIBUTE + MAX_AGE_MARKER);
			int expires = rendered.indexOf(EXPIRES_ATTRIBUTE, maxAge);
			Assert.state(maxAge > value && expires > maxAge, () -> "Unexpected Set-Cookie layout: " + rendered);
			int afterDate = rendered.indexOf(';', expires + EXPIRES_ATTRIBUTE.length());
			this.afterValue = rendered.substring(value + VALUE_MARKER.length(), maxAge);
			this.afterExpires = (afterDate >= 0) ? rendered.substring(afterDate) : "";
		}
	}

	/**
	 * Return the writer of a cookie with Keycard's default attributes: {@code Path=/},
	 * {@code HttpOnly}, {@code SameSite=Lax}, with a {@code Max-Age}.
	 * @param name the cookie name
	 * @return the writer
	 */
	public static SessionCookie named(String name) {
		return new SessionCookie(ResponseCookie.from(name).path("/").httpOnly(true).sameSite("Lax").build(), false);
	}

	/**
	 * Return the cookie's name and attributes, as a cookie without a value.
	 * @return the template every session cookie is made from
	 */
	public ResponseCookie getTemplate() {
		return this.template;
	}

	/**
	 * Return whether the cookie lasts as long as the browser session, without {@code Max-Age}.
	 * @return whether it is a browser-session cookie
	 */
	public boolean isBrowserSession() {
		return this.browserSession;
	}

	/**
	 * Return the name of the session cookie.
	 * @return the name
	 */
	public String name() {
		return this.template.getName();
	}

	/**
	 * Return the {@code Set-Cookie} header that sets the cookie.
	 * @param value the cookie value, already safe for a cookie
	 * @param now the time of the response
	 * @param expiresAt when the session expires, for {@code Max-Age}
	 * @return the header
	 */
	String issue(String value, Instant now, Instant expiresAt) {
		StringBuilder header = new StringBuilder(this.beforeValue.length() + value.length() + this.afterValue.length()
				+ this.afterExpires.length() + 64)
			.append(this.beforeValue)
			.append(value)
			.append(this.afterValue);
		if (!this.browserSession) {
			long maxAge = Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
			header.append(MAX_AGE_ATTRIBUTE)
				.append(maxAge)
				.append(EXPIRES_ATTRIBUTE)
				.append(expires(now, maxAge))
				.append(this.afterExpires);
		}
		return header.toString();
	}

	/** The Expires date as ResponseCookie writes it, formatted once per second. */
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

	/**
	 * Return the {@code Set-Cookie} header that removes the cookie from the browser.
	 * @return the header
	 */
	String expire() {
		return this.expiring;
	}

	/**
	 * Return a cookie of another name with the session cookie's attributes.
	 * @param name the name
	 * @param value the value
	 * @param maxAge the cookie's {@code Max-Age}
	 * @return the {@code Set-Cookie} header
	 */
	String companion(String name, String value, Duration maxAge) {
		ResponseCookie template = this.template;
		return ResponseCookie.from(name, value)
			.path(template.getPath())
			.domain(template.getDomain())
			.secure(template.isSecure())
			.httpOnly(template.isHttpOnly())
			.sameSite(template.getSameSite())
			.partitioned(template.isPartitioned())
			.maxAge(maxAge)
			.build()
			.toString();
	}

	/**
	 * Add a {@code Set-Cookie} header of the session cookie to a response, replacing one added
	 * earlier in the same response, so that the browser gets one cookie of this name.
	 * @param response the response
	 * @param header the header
	 * @param replace whether a header of this cookie may be there already
	 */
	void send(HttpServletResponse response, String header, boolean replace) {
		if (!replace) {
			response.addHeader(HttpHeaders.SET_COOKIE, header);
			return;
		}
		String ownPrefix = name() + "=";
		List<String> others = new ArrayList<>();
		for (String existing : response.getHeaders(HttpHeaders.SET_COOKIE)) {
			if (!existing.startsWith(ownPrefix)) {
				others.add(existing);
			}
		}
		response.setHeader(HttpHeaders.SET_COOKIE, header);
		others.forEach((other) -> response.addHeader(HttpHeaders.SET_COOKIE, other));
	}

	/** The name and attributes, as a {@code Set-Cookie} header gives them. */
	@Override
	public String toString() {
		return this.template.mutate().value("").maxAge(-1).build().toString().replaceFirst("=", "");
	}

}
