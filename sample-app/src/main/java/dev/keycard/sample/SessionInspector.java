package dev.keycard.sample;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.keycard.session.Session;
import dev.keycard.session.autoconfigure.SessionProperties;

/**
 * Describes a session for the dashboard's "what is in my session" panel: which store keeps
 * it, how large its cookie is, and what it holds.
 */
@Component
class SessionInspector {

	private final SessionProperties properties;

	private final JsonMapper jsonMapper;

	SessionInspector(SessionProperties properties, JsonMapper jsonMapper) {
		this.properties = properties;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Describe a session.
	 * @param session the session
	 * @param cookieHeader the request's {@code Cookie} header, or {@code null} if it had none
	 * @return the panel
	 */
	SessionPanel inspect(Session session, @Nullable String cookieHeader) {
		String store = this.properties.getStore();
		String contents = this.jsonMapper.writer()
			.with(SerializationFeature.INDENT_OUTPUT)
			.writeValueAsString(new LinkedHashMap<>(session));
		return new SessionPanel(store, describe(store), this.properties.getCookieName(),
				cookieBytes(cookieHeader, this.properties.getCookieName()), contents);
	}

	private static String describe(String store) {
		return switch (store) {
			case "cookie" -> "in the cookie itself, signed; no server state";
			case "memory" -> "in this server's memory; the cookie carries only a signed id";
			case "file" -> "in one file per session on this server; the cookie carries only a signed id";
			case "redis" -> "in Redis; the cookie carries only a signed id";
			case "jdbc" -> "in a database table; the cookie carries only a signed id";
			default -> "in a store of the application's own";
		};
	}

	/** Measured on the header as sent: what the browser stores and sends with every request. */
	private static int cookieBytes(@Nullable String cookieHeader, String cookieName) {
		if (cookieHeader == null) {
			return 0;
		}
		for (String cookie : cookieHeader.split(";")) {
			String pair = cookie.strip();
			if (pair.startsWith(cookieName + "=")) {
				return pair.getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return 0;
	}

}
