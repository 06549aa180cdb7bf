package dev.keycard.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * The routes of the quick start: a visit counter, a view of the session, sign-in and
 * sign-out, and case pages that remember the last one viewed.
 */
@RestController
class SessionController {

	/** Case pages are larger than the response buffer, to show the cookie still gets out. */
	private static final int CASE_PAGE_PARAGRAPHS = 1000;

	@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
	String home(Session session) {
		Object user = session.get("user");
		return "Keycard sample. Signed in as: " + ((user != null) ? user : "nobody")
				+ ". Try GET /visits, GET /session, POST /login (username), GET /cases/{id}, POST /logout.";
	}

	@GetMapping(path = "/visits", produces = MediaType.TEXT_PLAIN_VALUE)
	String visits(Session session) {
		int count = (int) session.getOrDefault("count", 0) + 1;
		session.put("count", count);
		return "You have visited " + count + " times";
	}

	@GetMapping("/session")
	Map<String, @Nullable Object> session(Session session) {
		return new LinkedHashMap<>(session);
	}

	@PostMapping("/login")
	ResponseEntity<Void> login(Session session, @RequestParam String username) {
		session.regenerate();
		session.put("user", username);
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/").build();
	}

	@PostMapping(path = "/logout", produces = MediaType.TEXT_PLAIN_VALUE)
	String logout(Session session) {
		session.invalidate();
		return "logged out";
	}

	@GetMapping(path = "/cases/{id}", produces = MediaType.TEXT_HTML_VALUE)
	String caseFile(Session session, @PathVariable String id) {
		session.put("lastCase", id);
		StringBuilder page = new StringBuilder("<!doctype html><title>Case</title><h1>Case file</h1>");
		String paragraph = "<p>Gotham Police Department case notes, filed and cross-referenced.</p>\n";
		page.append(paragraph.repeat(CASE_PAGE_PARAGRAPHS));
		return page.toString();
	}

}
