package dev.keycard.session.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.keycard.session.web.HttpSessionAttributeConverter;

/**
 * Keeps Spring Security's {@link SecurityContext} ({@code HttpSessionSecurityContextRepository}
 * stores it as {@code SPRING_SECURITY_CONTEXT}) as the document of its authentication, written
 * and read by the {@link AuthenticationDocumentMapper}s, those of the application first. A
 * context whose authentication no mapper writes is refused when it is stored, at sign-in, with a
 * message that says what to declare; a document no mapper reads (tampered, or of a mapper the
 * application no longer has) reads as no context: the session is anonymous.
 */
public final class SecurityContextConverter implements HttpSessionAttributeConverter {

	private static final String OAUTH2_AUTHENTICATION = "org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken";

	private static final Log logger = LogFactory.getLog(SecurityContextConverter.class);

	private final List<AuthenticationDocumentMapper> mappers;

	/**
	 * Create a converter.
	 * @param mappers the mappers, tried in order
	 */
	public SecurityContextConverter(List<AuthenticationDocumentMapper> mappers) {
		Assert.notNull(mappers, "mappers must not be null");
		this.mappers = List.copyOf(mappers);
	}

	/**
	 * Create a converter with the application's mappers, then Keycard's own: form login, HTTP
	 * Basic, remember-me and, when Spring Security's OAuth2 client is present, OAuth2 and OIDC
	 * login.
	 * @param applicationMappers the application's mappers, tried first
	 * @return the converter
	 */
	public static SecurityContextConverter withStandardMappers(List<AuthenticationDocumentMapper> applicationMappers) {
		List<AuthenticationDocumentMapper> mappers = new ArrayList<>(applicationMappers);
		mappers.add(new StandardAuthenticationMapper());
		if (ClassUtils.isPresent(OAUTH2_AUTHENTICATION, SecurityContextConverter.class.getClassLoader())) {
			mappers.add(new OAuth2AuthenticationMapper());
		}
		return new SecurityContextConverter(mappers);
	}

	@Override
	public String name() {
		return "spring-security-context";
	}

	@Override
	public boolean canWrite(Object value) {
		return value instanceof SecurityContext;
	}

	@Override
	public Object write(Object value) {
		Authentication authentication = ((SecurityContext) value).getAuthentication();
		if (authentication == null) {
			return Map.of();
		}
		for (AuthenticationDocumentMapper mapper : this.mappers) {
			Map<String, @Nullable Object> document = mapper.write(authentication);
			if (document != null) {
				return document;
			}
		}
		Object principal = authentication.getPrincipal();
		throw new IllegalArgumentException("Keycard cannot keep the authentication of a "
				+ authentication.getClass().getName() + ((principal != null) ? " of a " + principal.getClass().getName() : "")
				+ " in the session: declare an AuthenticationDocumentMapper bean that writes it as a document and reads it back");
	}

	@Override
	public boolean namesPrincipal() {
		return true;
	}

	@Override
	public @Nullable String principalOf(Object value) {
		Authentication authentication = ((SecurityContext) value).getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return authentication.getName();
	}

	@Override
	public @Nullable Object read(Object json) {
		if (!(json instanceof Map<?, ?> map)) {
			return null;
		}
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> document = (Map<String, @Nullable Object>) map;
		if (document.isEmpty()) {
			return new SecurityContextImpl();
		}
		try {
			for (AuthenticationDocumentMapper mapper : this.mappers) {
				Authentication authentication = mapper.read(document);
				if (authentication != null) {
					return new SecurityContextImpl(authentication);
				}
			}
			logger.debug("No mapper reads an authentication of kind " + document.get(AuthenticationDocumentMapper.KIND)
					+ ": the session is anonymous");
		}
		catch (RuntimeException ex) {
			logger.debug("The authentication in the session cannot be read, the session is anonymous: " + ex.getMessage());
		}
		return null;
	}

}
