package dev.keycard.sample;

/**
 * Thrown by {@link CsrfInterceptor} when a state-changing request does not carry the
 * session's CSRF token; answered with 403 by {@link CsrfRejectionHandler}.
 */
final class InvalidCsrfTokenException extends RuntimeException {

	InvalidCsrfTokenException(String message) {
		super(message);
	}

}
