package dev.keycard.session.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.Session;

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

	private @Nullable SessionDevices devices;

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

	/**
	 * Set what files a session under the user a converted value signs in, such as Spring
	 * Security's security context.
	 * @param devices the devices, or {@code null} to file nothing
	 */
	public void setDevices(@Nullable SessionDevices devices) {
		this.devices = devices;
	}

	/**
	 * Tell the devices who a converted value signs in, if its converter says.
	 * @param converter the converter that wrote the value
	 * @param value the value, or {@code null} if it was removed
	 * @param session the session
	 * @param request the request
	 */
	void converted(HttpSessionAttributeConverter converter, @Nullable Object value, Session session,
			HttpServletRequest request) {
		SessionDevices devices = this.devices;
		if (devices == null || !converter.namesPrincipal()) {
			return;
		}
		String principal = (value != null) ? converter.principalOf(value) : null;
		if (principal != null) {
			devices.bind(session, principal, request);
		}
		else {
			devices.unbind(session);
		}
	}

	/** Return the converter of a name, if there is one. */
	@Nullable HttpSessionAttributeConverter converterNamed(@Nullable Object name) {
		for (HttpSessionAttributeConverter converter : this.converters) {
			if (converter.name().equals(name)) {
				return converter;
			}
		}
		return null;
	}

}
