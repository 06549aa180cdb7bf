package dev.keycard.session.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.Assert;

import dev.keycard.session.Session;
import dev.keycard.session.web.DeferredSession;

/**
 * Session cookies of an application, made and read back with its own codec or store, for
 * end-to-end tests that talk HTTP ({@code RestTestClient}, {@code TestRestTemplate}, Java's
 * {@code HttpClient}): a cookie for a session with chosen values, and the values a
 * {@code Set-Cookie} carries.
 *
 * <pre class="code">
 * SessionCookies cookies = SessionCookies.of(applicationContext);
 * String cookie = cookies.cookieHeader((session) -&gt; session.put("count", 41));
 * HttpResponse&lt;String&gt; response = client.send(request.header("Cookie", cookie).build(), ofString());
 * assertThat(cookies.read(response.headers().allValues("Set-Cookie"))).containsEntry("count", 42);
 * </pre>
 */
public final class SessionCookies {

	private final KeycardTestContext keycard;

	SessionCookies(KeycardTestContext keycard) {
		this.keycard = keycard;
	}

	/**
	 * Return the session cookies of an application.
	 * @param context the application's context
	 * @return its session cookies
	 */
	public static SessionCookies of(ApplicationContext context) {
		Assert.notNull(context, "context must not be null");
		return new SessionCookies(KeycardTestContext.of(context));
	}

	/**
	 * Return the name of the application's session cookie.
	 * @return the cookie name
	 */
	public String cookieName() {
		return this.keycard.cookie().name();
	}

	/**
	 * Make a session with chosen values, saved as the application saves sessions (in the cookie,
	 * or in its store), and return the cookie that carries it.
	 * @param values puts the values into the new session
	 * @return the cookie's value, or {@code null} if the session is empty and so has no cookie
	 */
	public @Nullable String cookieValue(Consumer<? super Session> values) {
		Assert.notNull(values, "values must not be null");
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		DeferredSession session = this.keycard.manager().loadDeferred(request);
		values.accept(session.get());
		session.commit(response);
		Cookie cookie = response.getCookie(cookieName());
		return (cookie != null && cookie.getMaxAge() != 0 && !cookie.getValue().isEmpty()) ? cookie.getValue() : null;
	}

	/**
	 * Make a session with chosen values and return a {@code Cookie} header that sends it.
	 * @param values puts the values into the new session
	 * @return the header value, {@code name=value}
	 * @throws IllegalArgumentException if the session is empty, which no cookie carries
	 */
	public String cookieHeader(Consumer<? super Session> values) {
		String value = cookieValue(values);
		Assert.isTrue(value != null, "The session is empty, and an empty session has no cookie: put a value in it");
		return cookieName() + "=" + value;
	}

	/**
	 * Read the values of the session that a cookie carries.
	 * @param cookie a {@code Set-Cookie} header ({@code name=value; Path=/; ...}), a
	 * {@code name=value} pair, or a bare cookie value
	 * @return the session's values; empty if the cookie is expired, invalid or its session gone
	 */
	public Map<String, @Nullable Object> read(String cookie) {
		Assert.notNull(cookie, "cookie must not be null");
		String value = cookie;
		int end = value.indexOf(';');
		if (end >= 0) {
			value = value.substring(0, end);
		}
		String prefix = cookieName() + "=";
		if (value.startsWith(prefix)) {
			value = value.substring(prefix.length());
		}
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (!value.isEmpty()) {
			request.setCookies(new Cookie(cookieName(), value));
		}
		return new LinkedHashMap<>(this.keycard.manager().loadDeferred(request).get());
	}

	/**
	 * Read the values of the session that the last session {@code Set-Cookie} of a response
	 * carries.
	 * @param setCookieHeaders the response's {@code Set-Cookie} headers
	 * @return the session's values; empty if the session cookie was expired
	 * @throws IllegalArgumentException if none of the headers sets the session cookie
	 */
	public Map<String, @Nullable Object> read(List<String> setCookieHeaders) {
		String last = null;
		for (String header : setCookieHeaders) {
			if (header.startsWith(cookieName() + "=")) {
				last = header;
			}
		}
		Assert.isTrue(last != null, () -> "No Set-Cookie of the session cookie '" + cookieName() + "' in "
				+ setCookieHeaders);
		return read(last);
	}

	/**
	 * Read the values of the session that the last session {@code Set-Cookie} of a response
	 * carries.
	 * @param headers the response's headers
	 * @return the session's values; empty if the session cookie was expired
	 * @throws IllegalArgumentException if the response sets no session cookie
	 */
	public Map<String, @Nullable Object> read(HttpHeaders headers) {
		return read(headers.getOrEmpty(HttpHeaders.SET_COOKIE));
	}

}
