package dev.keycard.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * Hands API clients their CSRF token, Spring Security's, as the dashboard's pages put it in
 * their forms. Each answer is masked afresh (Spring Security's BREACH protection), and any of
 * them is good until the session's token changes: a client reads it once per session, and
 * again after signing in, which renews it:
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
	TokenAnswer csrfToken(CsrfToken token) {
		return new TokenAnswer(token.getToken(), token.getHeaderName(), token.getParameterName());
	}

	/**
	 * A session's CSRF token, and where a request carries it.
	 *
	 * @param token the token
	 * @param headerName the header that may carry it
	 * @param parameterName the form field that may carry it
	 */
	record TokenAnswer(String token, String headerName, String parameterName) {
	}

}
