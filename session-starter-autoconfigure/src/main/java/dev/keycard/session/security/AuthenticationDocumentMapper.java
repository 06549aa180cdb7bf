package dev.keycard.session.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Turns an {@link Authentication} into a compact JSON document for the Keycard session, and
 * back. Keycard maps the authentications of form login, HTTP Basic, remember-me and OAuth2 and
 * OIDC login; declare a bean for an authentication or a principal of your own, and it is asked
 * first. A document holds only JSON values (strings, numbers, booleans, lists and maps), and
 * names no Java type: what a mapper reads is what it chose to write.
 *
 * <pre class="code">
 * &#64;Bean
 * AuthenticationDocumentMapper officers() {
 *     return new AuthenticationDocumentMapper() {
 *         public Map&lt;String, Object&gt; write(Authentication authentication) {
 *             return (authentication.getPrincipal() instanceof Officer officer)
 *                     ? Map.of("kind", "officer", "badge", officer.badge()) : null;
 *         }
 *         public Authentication read(Map&lt;String, Object&gt; document) {
 *             return "officer".equals(document.get("kind")) ? Officer.authentication(document) : null;
 *         }
 *     };
 * }
 * </pre>
 */
public interface AuthenticationDocumentMapper {

	/** The key of the document that tells its kind; every mapper writes one. */
	String KIND = "kind";

	/**
	 * Write an authentication as a document.
	 * @param authentication an authenticated authentication
	 * @return the document, with a {@value #KIND} of this mapper's, or {@code null} if this
	 * mapper does not write this authentication
	 */
	@Nullable Map<String, @Nullable Object> write(Authentication authentication);

	/**
	 * Read a document back.
	 * @param document a document as a later request reads it
	 * @return the authentication, or {@code null} if the document is not of this mapper's kind
	 * @throws IllegalArgumentException if the document is of this mapper's kind but cannot be
	 * read: the session is then anonymous
	 */
	@Nullable Authentication read(Map<String, @Nullable Object> document);

}
