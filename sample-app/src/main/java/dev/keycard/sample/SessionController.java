package dev.keycard.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * The routes of the quick start, as an API client sees them: a one-line home page, a visit
 * counter, a view of the session, and sign-out.
 *
 * <p>{@code GET /} and {@code POST /logout} are shared with {@link DashboardController}, by
 * content negotiation: these declare no {@code produces}, so they answer clients that accept
 * any type (curl, scripts and Java's {@code HttpClient} send a wildcard or no {@code Accept}
 * header) with plain text, while browsers, which ask for {@code text/html} first, get the
 * dashboard's page and its redirect.
 */
@RestController
class SessionController {

	@GetMapping("/")
	String home(Session session) {
		Object user = session.get(DashboardController.USER);
		return "Keycard sample. Signed in as: " + ((user != null) ? user : "nobody")
				+ ". Try GET /visits, GET /session, GET /csrf, then POST /login (username), GET /cases/{id},"
				+ " POST /logout with the token in an X-CSRF-Token header.";
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

	@PostMapping("/logout")
	String logout(Session session) {
		session.invalidate();
		return "logged out";
	}

}
