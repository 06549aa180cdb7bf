/**
 * Spring Security's session state in the Keycard session: what Spring Security keeps in the
 * {@code HttpSession} (the security context, the CSRF token, the saved request, the OAuth2
 * authorization request, the last authentication failure) as compact JSON documents, never
 * Java-serialized and never with open polymorphic typing. Also Spring Security's
 * {@code SessionRegistry} on Keycard's principal index, for {@code maximumSessions(n)}.
 */
@NullMarked
package dev.keycard.session.security;

import org.jspecify.annotations.NullMarked;
