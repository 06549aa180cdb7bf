package dev.keycard.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keycard.session.Session;

/**
 * Hands API clients their CSRF token, as the dashboard's pages put it in their forms. A
 * client reads it once per session, and again after signing in, which renews it:
 *
 * <pre>
 * curl -c j -b j localhost:8080/csrf
 * {"token":"...","headerName":"X-CSRF-Token","parameterName":"_csrf"}
 * curl -c j -b j -H "X-CSRF-Token: ..." -d username=gordon localhost:8080/login
 * </pre>
 */
@RestController
class CsrfTokenController {

	@GetMapping("/csrf")
	CsrfToken csrfToken(Session session) {
		return new CsrfToken(CsrfTokens.getOrCreate(session), CsrfTokens.HEADER_NAME, CsrfTokens.PARAMETER_NAME);
	}

	/**
	 * A session's CSRF token, and where a request carries it.
	 *
	 * @param token the token
	 * @param headerName the header that may carry it
	 * @param parameterName the form field that may carry it
	 */
	record CsrfToken(String token, String headerName, String parameterName) {
	}

}
