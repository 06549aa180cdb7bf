package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

	private final ResponseCookie template;

	private final boolean browserSession;

	private final String expiring;

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
		ResponseCookie.ResponseCookieBuilder cookie = this.template.mutate().value(value);
		cookie.maxAge(this.browserSession ? Duration.ofSeconds(-1)
				: Duration.ofSeconds(Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond())));
		return cookie.build().toString();
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
