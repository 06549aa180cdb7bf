package dev.keycard.session.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;
import dev.keycard.session.codec.RandomBytes;

/**
 * An {@link HttpSession} whose attributes are the values of a Keycard session. Values that are
 * not JSON values go through an {@link HttpSessionAttributeConverter}, and are read back through
 * it once per request; anything else is refused at {@link #setAttribute(String, Object)}.
 *
 * <p>Its id is a random value that holds for the request, never the session's cookie or store
 * key: nothing it says can be replayed as a cookie, and asking for it (Spring MVC does on every
 * request, for its request events) neither reads nor writes the session. It changes when the
 * session is regenerated ({@code changeSessionId()}). Session keys that start with {@value #INTERNAL_PREFIX} are Keycard's own and are
 * not listed as attributes.
 */
final class KeycardHttpSession implements HttpSession {

	static final String INTERNAL_PREFIX = "keycard.";

	private static final String CONVERTER_KEY = INTERNAL_PREFIX + "converter";

	private static final String VALUE_KEY = "value";

	/** Spring MVC asks for the id on every request (for its request events): drawn in batches. */
	private static final RandomBytes RANDOM = new RandomBytes();

	private final DeferredSession deferred;

	private final HttpSessionBridge bridge;

	private final ServletContext servletContext;

	/** The request this session is of, for what a sign-in records of the device. */
	private final HttpServletRequest request;

	private final long accessedTime = System.currentTimeMillis();

	/** Converted values as read or set in this request, so that each is read once and stays the same object. */
	private final Map<String, @Nullable Object> converted = new HashMap<>();

	private boolean valid = true;

	/** The id of this request's session, drawn when first asked for. */
	private @Nullable String id;

	KeycardHttpSession(DeferredSession deferred, HttpSessionBridge bridge, ServletContext servletContext,
			HttpServletRequest request) {
		this.deferred = deferred;
		this.bridge = bridge;
		this.servletContext = servletContext;
		this.request = request;
	}

	boolean isValid() {
		return this.valid;
	}

	/** Give the session a new identity, as {@code changeSessionId()} does; return the new id. */
	String regenerate() {
		checkValid();
		session().regenerate();
		this.id = null;
		return getId();
	}

	@Override
	public long getCreationTime() {
		checkValid();
		return session().getCreationTime().toEpochMilli();
	}

	@Override
	public String getId() {
		if (this.id == null) {
			this.id = newId();
		}
		return this.id;
	}

	private static String newId() {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/** Keycard keeps no time of last access; this request's start stands for it. */
	@Override
	public long getLastAccessedTime() {
		checkValid();
		return this.accessedTime;
	}

	@Override
	public ServletContext getServletContext() {
		return this.servletContext;
	}

	/** Sessions live as {@code app.session.max-age} says, all alike; a session of its own cannot. */
	@Override
	public void setMaxInactiveInterval(int interval) {
	}

	@Override
	public int getMaxInactiveInterval() {
		return (int) Math.min(Integer.MAX_VALUE, this.bridge.lifetime().idleTimeout().toSeconds());
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		checkValid();
		if (this.converted.containsKey(name)) {
			return this.converted.get(name);
		}
		Object stored = session().get(name);
		if (stored instanceof Map<?, ?> map && map.get(CONVERTER_KEY) instanceof String converterName) {
			Object value = read(converterName, map.get(VALUE_KEY));
			this.converted.put(name, value);
			return value;
		}
		return stored;
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		checkValid();
		return Collections.enumeration(session().keySet().stream().filter((name) -> !name.startsWith(INTERNAL_PREFIX))
			.toList());
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		checkValid();
		if (value == null) {
			removeAttribute(name);
			return;
		}
		Object offending = JsonValues.firstNonJson(value);
		if (offending == null) {
			this.converted.remove(name);
			session().put(name, value);
			return;
		}
		for (HttpSessionAttributeConverter converter : this.bridge.converters()) {
			if (converter.canWrite(value)) {
				Map<String, @Nullable Object> written = new LinkedHashMap<>();
				written.put(CONVERTER_KEY, converter.name());
				written.put(VALUE_KEY, converter.write(value));
				session().put(name, written);
				this.converted.put(name, value);
				this.bridge.converted(converter, value, session(), this.request);
				return;
			}
		}
		throw new IllegalArgumentException("HttpSession attribute '" + name + "' cannot be kept: it holds a "
				+ value.getClass().getName() + ((offending != value) ? " with a " + offending.getClass().getName() : "")
				+ ", and a Keycard session keeps JSON values only (strings, numbers, booleans, lists and maps of those)."
				+ " Store plain data, declare an HttpSessionAttributeConverter bean for the type, or set"
				+ " app.session.http-session=container to keep the container's HttpSession.");
	}

	@Override
	public void removeAttribute(String name) {
		checkValid();
		this.converted.remove(name);
		Object removed = session().remove(name);
		if (removed instanceof Map<?, ?> map) {
			HttpSessionAttributeConverter converter = this.bridge.converterNamed(map.get(CONVERTER_KEY));
			if (converter != null) {
				this.bridge.converted(converter, null, session(), this.request);
			}
		}
	}

	@Override
	public void invalidate() {
		checkValid();
		this.valid = false;
		this.converted.clear();
		session().invalidate();
	}

	@Override
	public boolean isNew() {
		checkValid();
		return session().isNew();
	}

	/** The Keycard session, read on first use. */
	private Session session() {
		return this.deferred.get();
	}

	private @Nullable Object read(String converterName, @Nullable Object json) {
		for (HttpSessionAttributeConverter converter : this.bridge.converters()) {
			if (converter.name().equals(converterName)) {
				try {
					return (json != null) ? converter.read(json) : null;
				}
				catch (RuntimeException ex) {
					// What the client or the store holds is not what the converter wrote: no value.
					return null;
				}
			}
		}
		return null;
	}

	private void checkValid() {
		if (!this.valid) {
			throw new IllegalStateException("The session was invalidated");
		}
	}

}
