package dev.keycard.session.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * The authentications of OAuth2 and OIDC login: the client registration, the user's attributes
 * (for OIDC, the ID token's claims and times, and the UserInfo claims), which of them is the
 * name, and the authorities. The ID token itself is not kept: its claims are what rebuilds the
 * user, and a raw token does not belong in a cookie the client can read.
 */
final class OAuth2AuthenticationMapper implements AuthenticationDocumentMapper {

	private static final String OAUTH2 = "oauth2";

	private static final String OIDC = "oidc";

	/** Stands for the ID token's value, which is not kept. */
	private static final String TOKEN_NOT_KEPT = "not-kept-by-keycard";

	@Override
	public @Nullable Map<String, @Nullable Object> write(Authentication authentication) {
		if (!(authentication instanceof OAuth2AuthenticationToken token)) {
			return null;
		}
		OAuth2User user = token.getPrincipal();
		boolean oidc = user.getClass() == DefaultOidcUser.class;
		if (!oidc && user.getClass() != DefaultOAuth2User.class) {
			return null;
		}
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put(KIND, oidc ? OIDC : OAUTH2);
		document.put("registration", token.getAuthorizedClientRegistrationId());
		document.put("nameKey", nameKey(user));
		if (user instanceof DefaultOidcUser oidcUser) {
			OidcIdToken idToken = oidcUser.getIdToken();
			document.put("issuedAt", Documents.json(idToken.getIssuedAt()));
			document.put("expiresAt", Documents.json(idToken.getExpiresAt()));
			document.put("claims", Documents.json(idToken.getClaims()));
			OidcUserInfo userInfo = oidcUser.getUserInfo();
			document.put("userInfo", (userInfo != null) ? Documents.json(userInfo.getClaims()) : null);
		}
		else {
			document.put("attributes", Documents.json(user.getAttributes()));
		}
		List<Object> authorities = new ArrayList<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			if (authority instanceof OidcUserAuthority) {
				authorities.add(Map.of("oidcUser", authority.getAuthority()));
			}
			else if (authority instanceof OAuth2UserAuthority) {
				authorities.add(Map.of("oauth2User", authority.getAuthority()));
			}
			else {
				authorities.addAll(Documents.authorities(List.of(authority)));
			}
		}
		document.put("authorities", authorities);
		return document;
	}

	@Override
	public @Nullable Authentication read(Map<String, @Nullable Object> document) {
		Object kind = document.get(KIND);
		if (!OAUTH2.equals(kind) && !OIDC.equals(kind)) {
			return null;
		}
		String registration = Documents.string(document.get("registration"), "registration");
		String nameKey = Documents.string(document.get("nameKey"), "nameKey");
		OidcIdToken idToken = null;
		OidcUserInfo userInfo = null;
		Map<String, Object> attributes;
		if (OIDC.equals(kind)) {
			idToken = new OidcIdToken(TOKEN_NOT_KEPT, Documents.instant(document.get("issuedAt"), "issuedAt"),
					Documents.instant(document.get("expiresAt"), "expiresAt"), claims(document.get("claims"), "claims"));
			Object userInfoClaims = document.get("userInfo");
			userInfo = (userInfoClaims != null) ? new OidcUserInfo(claims(userInfoClaims, "userInfo")) : null;
			// As the OIDC user collects them: the ID token's claims over the UserInfo's.
			attributes = new LinkedHashMap<>((userInfo != null) ? userInfo.getClaims() : Map.of());
			attributes.putAll(idToken.getClaims());
		}
		else {
			attributes = claims(document.get("attributes"), "attributes");
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (Object item : Documents.list(document.get("authorities"), "authorities")) {
			if (item instanceof Map<?, ?> map && map.get("oidcUser") instanceof String authority && idToken != null) {
				authorities.add(new OidcUserAuthority(authority, idToken, userInfo, nameKey));
			}
			else if (item instanceof Map<?, ?> map && map.get("oauth2User") instanceof String authority) {
				authorities.add(new OAuth2UserAuthority(authority, attributes, nameKey));
			}
			else {
				authorities.addAll(Documents.authorities(List.of(item)));
			}
		}
		OAuth2User user = (idToken != null) ? new DefaultOidcUser(authorities, idToken, userInfo, nameKey)
				: new DefaultOAuth2User(authorities, attributes, nameKey);
		return new OAuth2AuthenticationToken(user, authorities, registration);
	}

	/** The attribute that holds the name: the user does not tell, so it is found by its value. */
	private static String nameKey(OAuth2User user) {
		for (String preferred : List.of("sub", "preferred_username", "login", "name", "email", "id")) {
			Object value = user.getAttributes().get(preferred);
			if (value != null && value.toString().equals(user.getName())) {
				return preferred;
			}
		}
		for (Map.Entry<String, Object> attribute : user.getAttributes().entrySet()) {
			if (attribute.getValue() != null && attribute.getValue().toString().equals(user.getName())) {
				return attribute.getKey();
			}
		}
		throw new IllegalArgumentException("The OAuth2 user's name is none of its attributes");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(@Nullable Object value, String name) {
		return (Map<String, Object>) (Map<?, ?>) Documents.map(value, name);
	}

}
