package dev.keycard.session.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;

import dev.keycard.session.Session;

/**
 * MockMvc requests that come with a given session, made the way the application makes
 * sessions (its codec, or its store), so that one test works on the cookie store and on Redis
 * alike:
 *
 * <pre class="code">
 * mvc.perform(get("/visits").with(session((session) -&gt; session.put("count", 41))))
 *     .andExpect(content().string("You have visited 42 times"));
 * </pre>
 *
 * With {@code MockMvcTester}: {@code mvc.get().uri("/visits").with(session(...))}.
 */
public final class SessionRequestPostProcessors {

	private SessionRequestPostProcessors() {
	}

	/**
	 * Give a request a session with chosen values, in place of any session cookie it had.
	 * @param values puts the values into the session
	 * @return the post processor
	 */
	public static RequestPostProcessor session(Consumer<? super Session> values) {
		Assert.notNull(values, "values must not be null");
		return (request) -> {
			SessionCookies cookies = new SessionCookies(KeycardTestContext.of(request.getServletContext()));
			String value = cookies.cookieValue(values);
			List<Cookie> kept = new ArrayList<>();
			Cookie[] existing = request.getCookies();
			for (Cookie cookie : (existing != null) ? existing : new Cookie[0]) {
				if (!cookie.getName().equals(cookies.cookieName())) {
					kept.add(cookie);
				}
			}
			if (value != null) {
				kept.add(new Cookie(cookies.cookieName(), value));
			}
			request.setCookies(kept.toArray(Cookie[]::new));
			return request;
		};
	}

	/**
	 * Give a request a session with chosen values, in place of any session cookie it had.
	 * @param values the values
	 * @return the post processor
	 */
	public static RequestPostProcessor session(Map<String, ? extends @Nullable Object> values) {
		Assert.notNull(values, "values must not be null");
		return session((session) -> session.putAll(values));
	}

}
