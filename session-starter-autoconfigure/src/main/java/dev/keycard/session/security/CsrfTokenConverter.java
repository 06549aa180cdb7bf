package dev.keycard.session.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import dev.keycard.session.web.HttpSessionAttributeConverter;

/**
 * Keeps the CSRF token of {@code HttpSessionCsrfTokenRepository}: its value and where a request
 * carries it.
 */
public final class CsrfTokenConverter implements HttpSessionAttributeConverter {

	@Override
	public String name() {
		return "spring-security-csrf-token";
	}

	@Override
	public boolean canWrite(Object value) {
		return value instanceof CsrfToken;
	}

	@Override
	public Object write(Object value) {
		CsrfToken token = (CsrfToken) value;
		return Map.of("header", token.getHeaderName(), "parameter", token.getParameterName(), "token", token.getToken());
	}

	@Override
	public @Nullable Object read(Object json) {
		Map<String, @Nullable Object> token = Documents.map(json, "csrf token");
		return new DefaultCsrfToken(Documents.string(token.get("header"), "header"),
				Documents.string(token.get("parameter"), "parameter"), Documents.string(token.get("token"), "token"));
	}

}
