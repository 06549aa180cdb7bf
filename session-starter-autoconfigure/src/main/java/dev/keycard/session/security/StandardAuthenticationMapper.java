package dev.keycard.session.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The authentications of form login, HTTP Basic and remember-me, whose principal is a name or
 * Spring Security's {@link User}: the name and the authorities, nothing else (no password, no
 * request details).
 *
 * <pre>
 * {"kind":"password","name":"gordon","user":true,"authorities":["ROLE_OFFICER",{"factor":"FACTOR_PASSWORD","issuedAt":1767225600}]}
 * </pre>
 */
final class StandardAuthenticationMapper implements AuthenticationDocumentMapper {

	private static final String PASSWORD = "password";

	private static final String REMEMBER_ME = "remember-me";

	/**
	 * What a remember-me authentication read back is keyed with: the key only matters to the
	 * provider that first authenticated the remember-me cookie, which has done its work.
	 */
	private static final String REMEMBER_ME_KEY = "keycard";

	@Override
	public @Nullable Map<String, @Nullable Object> write(Authentication authentication) {
		String kind = (authentication.getClass() == UsernamePasswordAuthenticationToken.class) ? PASSWORD
				: (authentication.getClass() == RememberMeAuthenticationToken.class) ? REMEMBER_ME : null;
		Object principal = authentication.getPrincipal();
		if (kind == null || !(principal instanceof String || (principal != null && principal.getClass() == User.class))) {
			return null;
		}
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put(KIND, kind);
		document.put("name", authentication.getName());
		document.put("user", principal instanceof User);
		document.put("authorities", Documents.authorities(authentication.getAuthorities()));
		return document;
	}

	@Override
	public @Nullable Authentication read(Map<String, @Nullable Object> document) {
		Object kind = document.get(KIND);
		if (!PASSWORD.equals(kind) && !REMEMBER_ME.equals(kind)) {
			return null;
		}
		String name = Documents.string(document.get("name"), "name");
		List<GrantedAuthority> authorities = Documents.authorities(document.get("authorities"));
		Object principal = Boolean.TRUE.equals(document.get("user")) ? new User(name, "", authorities) : name;
		return PASSWORD.equals(kind) ? UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities)
				: new RememberMeAuthenticationToken(REMEMBER_ME_KEY, principal, authorities);
	}

}
