package dev.keycard.session.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * An application that counts visits in the session, as a user's would.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(VisitsApplication.VisitsController.class)
class VisitsApplication {

	@RestController
	static class VisitsController {

		@GetMapping("/visits")
		String visits(Session session) {
			Object count = session.get("count");
			int next = (count instanceof Number number) ? number.intValue() + 1 : 1;
			session.put("count", next);
			return "You have visited " + next + " times";
		}

		@GetMapping("/officer")
		String officer(Session session) {
			return String.valueOf(session.get("officer"));
		}

		@GetMapping("/sign-in")
		String signIn(Session session) {
			session.regenerate();
			session.put("officer", "gordon");
			return "signed in";
		}

		@GetMapping("/sign-out")
		String signOut(Session session) {
			session.invalidate();
			return "signed out";
		}

	}

}
