package dev.keycard.session.web;

import org.springframework.http.ResponseCookie;

/**
 * Customizes the session cookie beyond what {@code app.session.*} offers, for example to add
 * the {@code Partitioned} attribute. Declare one or more as beans; they are applied in order,
 * once, at startup, to the cookie every session response sets, to the one that expires it, and
 * to the flash marker cookie. The cookie's value and {@code Max-Age} are Keycard's to set.
 *
 * <pre class="code">
 * &#64;Bean
 * SessionCookieCustomizer partitioned() {
 *     return (cookie) -&gt; cookie.partitioned(true);
 * }
 * </pre>
 */
@FunctionalInterface
public interface SessionCookieCustomizer {

	/**
	 * Customize the session cookie.
	 * @param cookie a builder that holds the cookie's name and its attributes from
	 * {@code app.session.*}
	 */
	void customize(ResponseCookie.ResponseCookieBuilder cookie);

}
