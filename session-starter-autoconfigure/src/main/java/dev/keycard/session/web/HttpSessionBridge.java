package dev.keycard.session.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.util.Assert;

/**
 * Makes {@code request.getSession()} the Keycard session: {@link SessionFilter} wraps each
 * request with it, so that every library and Spring MVC feature that uses the
 * {@link HttpSession} (Spring Security, {@code @SessionAttributes}, {@code HttpSession}
 * parameters, filters of others) keeps its state in the Keycard session, and the container
 * never creates a session of its own: no {@code JSESSIONID}.
 *
 * <p>Attributes are JSON values, as in a Keycard session; objects of other types are kept by
 * an {@link HttpSessionAttributeConverter}, and any other value is refused when it is set,
 * with an error that names the attribute and its type.
 */
public final class HttpSessionBridge {

	private final List<HttpSessionAttributeConverter> converters;

	private final SessionLifetime lifetime;

	/**
	 * Create a bridge.
	 * @param converters the converters of values that are not JSON values, tried in order
	 * @param lifetime how long sessions live, for {@link HttpSession#getMaxInactiveInterval()}
	 */
	public HttpSessionBridge(List<HttpSessionAttributeConverter> converters, SessionLifetime lifetime) {
		Assert.notNull(converters, "converters must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		this.converters = List.copyOf(converters);
		this.lifetime = lifetime;
	}

	/**
	 * Return a request whose {@code HttpSession} is the Keycard session of the request.
	 * @param request the request
	 * @param session its Keycard session, not read until something asks for the HTTP session
	 * @return the wrapped request
	 */
	HttpServletRequest wrap(HttpServletRequest request, DeferredSession session) {
		return new SessionRequestWrapper(request, session, this);
	}

	List<HttpSessionAttributeConverter> converters() {
		return this.converters;
	}

	SessionLifetime lifetime() {
		return this.lifetime;
	}

}
