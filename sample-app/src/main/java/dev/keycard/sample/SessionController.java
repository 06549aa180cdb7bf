package dev.keycard.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * The routes of the quick start, as an API client sees them: a one-line home page, a visit
 * counter, a view of the session, and the signed-in officer.
 *
 * <p>{@code GET /} is shared with {@link DashboardController}, by content negotiation: this
 * one declares no {@code produces}, so it answers clients that accept any type (curl, scripts
 * and Java's {@code HttpClient} send a wildcard or no {@code Accept} header) with plain text,
 * while browsers, which ask for {@code text/html} first, get the dashboard's page.
 */
@RestController
class SessionController {

	@GetMapping("/")
	String home(HttpServletRequest request) {
		String user = Officers.signedIn(request);
		return "Keycard sample. Signed in as: " + ((user != null) ? user : "nobody")
				+ ". Try GET /visits, GET /session, GET /csrf, then POST /login (username, password gotham), GET /me,"
				+ " GET /cases/{id}, POST /logout with the token in an X-CSRF-Token header.";
	}

	@GetMapping(path = "/visits", produces = MediaType.TEXT_PLAIN_VALUE)
	String visits(Session session) {
		int count = (int) session.getOrDefault(DashboardController.COUNT, 0) + 1;
		session.put(DashboardController.COUNT, count);
		return "You have visited " + count + " times";
	}

	/** Shows the session as it is, and never changes it: a read-only request sends no cookie. */
	@GetMapping("/session")
	Map<String, @Nullable Object> session(Session session) {
		return new LinkedHashMap<>(session);
	}

	/** The signed-in officer; Spring Security answers an anonymous client first (401, or sign-in). */
	@GetMapping("/me")
	Officer me(Authentication authentication) {
		return new Officer(authentication.getName(),
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}

	/**
	 * A signed-in officer.
	 *
	 * @param name the officer's name
	 * @param authorities what the officer may do
	 */
	record Officer(String name, List<String> authorities) {
	}

}
