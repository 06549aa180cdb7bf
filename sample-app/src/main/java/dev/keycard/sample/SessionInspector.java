package dev.keycard.sample;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.keycard.session.Session;
import dev.keycard.session.autoconfigure.SessionProperties;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionStorage;

/**
 * Describes a session for the dashboard's "what is in my session" panel: which store keeps
 * it, how large its cookie is, and what it holds.
 */
@Component
class SessionInspector {

	private final SessionProperties properties;

	private final JsonMapper jsonMapper;

	private final String store;

	private final String storeDescription;

	/** The store a cookie session moves to as it outgrows its cookie, or {@code null}. */
	private final @Nullable String overflowStore;

	SessionInspector(SessionProperties properties, JsonMapper jsonMapper, DefaultSessionManager sessionManager) {
		this.properties = properties;
		this.jsonMapper = jsonMapper;
		// Where Keycard really keeps sessions: a SessionStore bean of the application's own wins over the property.
		SessionStorage storage = sessionManager.getStorage();
		this.store = storage.store();
		this.storeDescription = describe(storage);
		this.overflowStore = storage.overflowStore();
	}

	/**
	 * Describe a session.
	 * @param session the session
	 * @param cookieHeader the request's {@code Cookie} header, or {@code null} if it had none
	 * @param setCookieHeaders the {@code Set-Cookie} headers of the response so far
	 * @return the panel
	 */
	SessionPanel inspect(Session session, @Nullable String cookieHeader, Collection<String> setCookieHeaders) {
		String contents = this.jsonMapper.writer()
			.with(SerializationFeature.INDENT_OUTPUT)
			.writeValueAsString(new LinkedHashMap<>(session));
		String cookieName = this.properties.getCookieName();
		String issued = issuedCookie(setCookieHeaders, cookieName);
		String cookie = (issued != null) ? issued : sentCookie(cookieHeader, cookieName);
		int cookieBytes = (cookie != null) ? cookie.getBytes(StandardCharsets.UTF_8).length : 0;
		if (this.overflowStore != null && cookie != null
				&& SessionIdCodec.isSessionIdShaped(cookie.substring(cookieName.length() + 1))) {
			return new SessionPanel(this.overflowStore, "in " + this.overflowStore
					+ ", where it moved when it outgrew its cookie; the cookie carries only a signed id", cookieName,
					cookieBytes, issued != null, contents);
		}
		return new SessionPanel(this.store, this.storeDescription, cookieName, cookieBytes, issued != null, contents);
	}

	private static String describe(SessionStorage storage) {
		return switch (storage.store()) {
			case SessionStorage.COOKIE -> (storage.overflowStore() != null)
					? "in the cookie itself, " + storage.mode() + ", until it outgrows it; then in "
							+ storage.overflowStore() + " behind a signed id"
					: storage.mode().equals("encrypted")
					? "in the cookie itself, encrypted; no server state"
					: "in the cookie itself, " + storage.mode() + " (readable, not changeable); no server state";
			case "memory" -> "in this server's memory; the cookie carries only a signed id";
			case "file" -> "in one file per session on this server; the cookie carries only a signed id";
			case "redis" -> "in Redis; the cookie carries only a signed id";
			case "jdbc" -> "in a database table; the cookie carries only a signed id";
			default -> "in the application's own " + storage.store() + " store; the cookie carries only a signed id";
		};
	}

	/** The cookie this response sets, name and value as the browser will send them back. */
	private static @Nullable String issuedCookie(Collection<String> setCookieHeaders, String cookieName) {
		for (String header : setCookieHeaders) {
			if (header.startsWith(cookieName + "=")) {
				int end = header.indexOf(';');
				return (end >= 0) ? header.substring(0, end) : header;
			}
		}
		return null;
	}

	/** The cookie as the request sent it: what the browser stores and sends with every request. */
	private static @Nullable String sentCookie(@Nullable String cookieHeader, String cookieName) {
		if (cookieHeader == null) {
			return null;
		}
		for (String cookie : cookieHeader.split(";")) {
			String pair = cookie.strip();
			if (pair.startsWith(cookieName + "=")) {
				return pair;
			}
		}
		return null;
	}

}
