package dev.keycard.session;

import java.util.List;

/**
 * Thrown when a session is too large to be saved: larger than a cookie can hold, or larger
 * than a store reads back. Nothing is dropped silently: the message names the size, the limit
 * and the largest keys, so that the application can store less, or move to a server-side store
 * ({@code app.session.store}).
 */
public final class SessionTooLargeException extends RuntimeException {

	private final int size;

	private final int limit;

	private final List<String> largestKeys;

	/**
	 * Create a new exception.
	 * @param size the size in bytes of the {@code Set-Cookie} header that would be sent
	 * @param limit the largest size allowed
	 * @param largestKeys the keys with the largest values, each with its size, largest first
	 */
	public SessionTooLargeException(int size, int limit, List<String> largestKeys) {
		this("Session cookie would be " + size + " bytes, over the limit of " + limit
				+ " bytes that browsers accept. Largest keys: " + String.join(", ", largestKeys)
				+ ". Store less in the session, or use a server-side store (app.session.store).", size, limit,
				largestKeys);
	}

	/**
	 * Create a new exception with a message of its own.
	 * @param message what was too large, the size, the limit, the largest keys and what to do
	 * @param size the size in bytes
	 * @param limit the largest size allowed
	 * @param largestKeys the keys with the largest values, each with its size, largest first
	 */
	public SessionTooLargeException(String message, int size, int limit, List<String> largestKeys) {
		super(message);
		this.size = size;
		this.limit = limit;
		this.largestKeys = List.copyOf(largestKeys);
	}

	/**
	 * Return the size the session would have had: the {@code Set-Cookie} header, or the
	 * stored attributes.
	 * @return the size in bytes
	 */
	public int getSize() {
		return this.size;
	}

	/**
	 * Return the largest size allowed.
	 * @return the limit in bytes
	 */
	public int getLimit() {
		return this.limit;
	}

	/**
	 * Return the largest keys, each as {@code key (N bytes)}, largest first.
	 * @return the largest keys
	 */
	public List<String> getLargestKeys() {
		return this.largestKeys;
	}

}
