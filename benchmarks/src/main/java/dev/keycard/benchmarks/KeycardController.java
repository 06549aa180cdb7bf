package dev.keycard.benchmarks;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * The endpoints on a Keycard session, whatever its store.
 */
@RestController
@Profile("keycard")
class KeycardController {

	@GetMapping("/visits")
	String visits(Session session) {
		int count = (int) session.getOrDefault("count", 0) + 1;
		session.put("count", count);
		return "You have visited " + count + " times";
	}

	@GetMapping("/read")
	String read(Session session) {
		return "You have visited " + session.getOrDefault("count", 0) + " times";
	}

}
