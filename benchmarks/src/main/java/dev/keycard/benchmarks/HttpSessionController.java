package dev.keycard.benchmarks;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints on the servlet {@code HttpSession}: Tomcat's own, or Spring Session's when one
 * of its profiles is active too.
 */
@RestController
@Profile("http-session")
class HttpSessionController {

	@GetMapping("/visits")
	String visits(HttpSession session) {
		Integer previous = (Integer) session.getAttribute("count");
		int count = ((previous != null) ? previous : 0) + 1;
		session.setAttribute("count", count);
		return "You have visited " + count + " times";
	}

	@GetMapping("/read")
	String read(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object count = (session != null) ? session.getAttribute("count") : null;
		return "You have visited " + ((count != null) ? count : 0) + " times";
	}

}
