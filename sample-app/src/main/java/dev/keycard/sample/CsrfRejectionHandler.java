package dev.keycard.sample;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import dev.keycard.session.Session;

/**
 * Answers a request refused for its CSRF token with 403: a page that says so, in the user's
 * theme, for a browser (which asks for {@code text/html}); one line of text for any other
 * client.
 */
@ControllerAdvice
class CsrfRejectionHandler {

	@ExceptionHandler(exception = InvalidCsrfTokenException.class, produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(InvalidCsrfTokenException ex, Session session) {
		ModelAndView page = new ModelAndView("csrf-rejected", HttpStatus.FORBIDDEN);
		page.addObject("reason", ex.getMessage());
		page.addObject("theme", Theme.of(session).cssClass());
		page.addObject(DashboardController.USER, session.get(DashboardController.USER));
		return page;
	}

	/** Declares no media type, so that it answers clients that accept anything. */
	@ExceptionHandler
	ResponseEntity<String> text(InvalidCsrfTokenException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body("Forbidden: " + ex.getMessage() + ". Read the token from GET /csrf and send it in the "
					+ CsrfTokens.HEADER_NAME + " header or the " + CsrfTokens.PARAMETER_NAME + " form field.");
	}

}
