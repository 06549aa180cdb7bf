package dev.keycard.benchmarks;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of any cookie session: no session at all, but {@code /visits} answers with the
 * headers a cookie session sends, a {@code Set-Cookie} as long as Keycard's for this counter,
 * {@code Vary} and {@code Cache-Control}, so the client sends the cookie back as it would.
 * What this costs beside {@code none} is the price of the bytes on the wire, not of Keycard.
 */
@RestController
@Profile("static-cookie")
class StaticCookieController {

	/** As long as Keycard's signed cookie holding {@code {"count":N}}: 98 characters. */
	private static final String SET_COOKIE = "session=" + "x".repeat(98)
			+ "; Path=/; Max-Age=1209600; Expires=Tue, 15 Dec 2026 20:00:00 GMT; HttpOnly; SameSite=Lax";

	@GetMapping("/visits")
	String visits(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, SET_COOKIE);
		response.addHeader(HttpHeaders.VARY, "Cookie");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
		return "You have visited 1 times";
	}

	@GetMapping("/read")
	String read() {
		return "You have visited 1 times";
	}

}
