package dev.keycard.session.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

import dev.keycard.session.web.HttpSessionAttributeConverter;

/**
 * Keeps the request {@code HttpSessionRequestCache} saved before sending a client to sign in:
 * the URL it is sent back to after sign-in, its method and its parameters. Its headers and
 * cookies are not kept: they would put the session cookie into the session, and they do not
 * belong to where a client is sent back to.
 */
public final class SavedRequestConverter implements HttpSessionAttributeConverter {

	@Override
	public String name() {
		return "spring-security-saved-request";
	}

	@Override
	public boolean canWrite(Object value) {
		return value instanceof SavedRequest;
	}

	@Override
	public Object write(Object value) {
		SavedRequest saved = (SavedRequest) value;
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		saved.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
		return Map.of("url", saved.getRedirectUrl(), "method", saved.getMethod(), "parameters", parameters);
	}

	@Override
	public @Nullable Object read(Object json) {
		Map<String, @Nullable Object> document = Documents.map(json, "saved request");
		Map<String, String[]> parameters = new LinkedHashMap<>();
		Documents.map(document.get("parameters"), "parameters")
			.forEach((name, values) -> parameters.put(name,
					Documents.list(values, name).stream().map(String::valueOf).toArray(String[]::new)));
		SimpleSavedRequest saved = new SimpleSavedRequest(Documents.string(document.get("url"), "url"));
		saved.setMethod(Documents.string(document.get("method"), "method"));
		saved.setParameters(parameters);
		return saved;
	}

}
