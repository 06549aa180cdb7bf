package dev.keycard.benchmarks;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline: the same endpoints without any session.
 */
@RestController
@Profile("none")
class NoSessionController {

	@GetMapping({ "/visits", "/read" })
	String visits() {
		return "You have visited 1 times";
	}

}
