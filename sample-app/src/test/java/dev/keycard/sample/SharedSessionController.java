package dev.keycard.sample;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * A route of the load tests, under {@code /load}: many clients holding one session cookie each
 * write a key of their own, to show that concurrent changes of different keys all survive.
 * Picked up by the sample application's component scan.
 */
@RestController
class SharedSessionController {

	@GetMapping(path = "/load/put", produces = MediaType.TEXT_PLAIN_VALUE)
	String put(Session session, @RequestParam String key, @RequestParam int value) {
		session.put(key, value);
		return "ok";
	}

}
