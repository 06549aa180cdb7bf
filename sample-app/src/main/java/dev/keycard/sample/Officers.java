package dev.keycard.sample;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who is signed in: Spring Security's principal of the request, kept in the Keycard session.
 */
final class Officers {

	private Officers() {
	}

	/**
	 * Return the name of the signed-in officer.
	 * @param request the request
	 * @return the name, or {@code null} for an anonymous visitor
	 */
	static @Nullable String signedIn(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return (principal != null) ? principal.getName() : null;
	}

}
