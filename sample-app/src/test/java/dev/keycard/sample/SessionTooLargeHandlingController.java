package dev.keycard.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;
import dev.keycard.session.SessionTooLargeException;

/**
 * A route of the end-to-end tests that stores more than a cookie can hold, in a controller
 * that answers {@link SessionTooLargeException} itself, as an application following the
 * exception's advice would: a 500 whose body is the exception's message.
 */
@RestController
class SessionTooLargeHandlingController {

	@GetMapping(path = "/test/too-large/handled", produces = MediaType.TEXT_PLAIN_VALUE)
	String tooLarge(Session session) {
		session.put("report", "r".repeat(SessionEdgeCaseController.TOO_LARGE_VALUE_LENGTH));
		return "stored a report";
	}

	@ExceptionHandler
	ResponseEntity<String> sessionTooLarge(SessionTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.TEXT_PLAIN)
			.body(ex.getMessage());
	}

}
