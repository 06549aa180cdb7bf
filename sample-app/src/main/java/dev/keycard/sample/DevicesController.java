package dev.keycard.sample;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import dev.keycard.session.UserSession;
import dev.keycard.session.UserSessions;

/**
 * The signed-in officer's devices: every session of the officer, and "sign out other devices".
 * On the cookie store the server keeps nothing to list, and these routes answer 501.
 */
@RestController
class DevicesController {

	private final UserSessions userSessions;

	DevicesController(UserSessions userSessions) {
		this.userSessions = userSessions;
	}

	@GetMapping(path = "/devices", produces = MediaType.APPLICATION_JSON_VALUE)
	List<UserSession> devices(Authentication authentication, HttpServletRequest request) {
		return this.userSessions.list(authentication.getName(), request);
	}

	/** A form on the dashboard, or an API client: the one says where to go next, the other how many. */
	@PostMapping("/devices/sign-out-others")
	Object signOutOthers(HttpServletRequest request, RedirectAttributes redirect) {
		int signedOut = this.userSessions.revokeOthers(request);
		if (SecurityConfiguration.browsers().matches(request)) {
			redirect.addFlashAttribute("message", (signedOut == 1) ? "1 other device signed out."
					: signedOut + " other devices signed out.");
			RedirectView dashboard = new RedirectView("/");
			dashboard.setStatusCode(HttpStatus.SEE_OTHER);
			return dashboard;
		}
		return Map.of("signedOut", signedOut);
	}

	@ExceptionHandler(UnsupportedOperationException.class)
	ResponseEntity<ProblemDetail> notOnThisStore(UnsupportedOperationException ex) {
		return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, ex.getMessage()));
	}

}
