package dev.keycard.session.store;

/**
 * Thrown when a session store cannot reach its database. The request fails with 503 Service
 * Unavailable; it never carries on with an empty session that would overwrite the stored one.
 */
public class SessionStoreUnavailableException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what could not be reached, and why
	 * @param cause the database's exception
	 */
	public SessionStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create a new exception for a store that has not answered for too long.
	 * @param message what could not be reached, and since when
	 */
	public SessionStoreUnavailableException(String message) {
		super(message);
	}

}
