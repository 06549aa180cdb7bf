package dev.keycard.session.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import dev.keycard.session.web.HttpSessionAttributeConverter;

/**
 * Keeps the OAuth2 authorization request of an OAuth2 or OIDC login between the redirect to the
 * authorization server and the return from it ({@code HttpSessionOAuth2AuthorizationRequestRepository}):
 * its state, its attributes (the registration, the OIDC nonce, the PKCE code verifier) and what
 * was asked for. With a signed cookie the client can read them, as it reads them in the
 * authorization request itself; the code verifier never leaves the browser's cookie for another
 * party, and an encrypted cookie or a server-side store keeps it from the client too.
 */
public final class OAuth2AuthorizationRequestConverter implements HttpSessionAttributeConverter {

	@Override
	public String name() {
		return "spring-security-oauth2-authorization-request";
	}

	@Override
	public boolean canWrite(Object value) {
		return value instanceof OAuth2AuthorizationRequest;
	}

	@Override
	public Object write(Object value) {
		OAuth2AuthorizationRequest request = (OAuth2AuthorizationRequest) value;
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put("authorizationUri", request.getAuthorizationUri());
		document.put("clientId", request.getClientId());
		document.put("redirectUri", request.getRedirectUri());
		document.put("scopes", Documents.json(request.getScopes()));
		document.put("state", request.getState());
		document.put("additionalParameters", Documents.json(request.getAdditionalParameters()));
		document.put("attributes", Documents.json(request.getAttributes()));
		document.put("authorizationRequestUri", request.getAuthorizationRequestUri());
		return document;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable Object read(Object json) {
		Map<String, @Nullable Object> document = Documents.map(json, "authorization request");
		Set<String> scopes = new LinkedHashSet<>();
		Documents.list(document.get("scopes"), "scopes").forEach((scope) -> scopes.add(String.valueOf(scope)));
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(Documents.string(document.get("authorizationUri"), "authorizationUri"))
			.clientId(Documents.string(document.get("clientId"), "clientId"))
			.redirectUri((String) document.get("redirectUri"))
			.scopes(scopes)
			.state((String) document.get("state"))
			.additionalParameters((Map<String, Object>) (Map<?, ?>) Documents.map(document.get("additionalParameters"),
					"additionalParameters"))
			.attributes((Map<String, Object>) (Map<?, ?>) Documents.map(document.get("attributes"), "attributes"))
			.authorizationRequestUri(Documents.string(document.get("authorizationRequestUri"), "authorizationRequestUri"))
			.build();
	}

}
