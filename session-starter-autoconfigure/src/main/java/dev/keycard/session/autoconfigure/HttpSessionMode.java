package dev.keycard.session.autoconfigure;

/**
 * Whose sessions {@code request.getSession()} gives ({@code app.session.http-session}).
 */
public enum HttpSessionMode {

	/** The Keycard session: the container never creates a session of its own, no {@code JSESSIONID}. */
	KEYCARD,

	/** The container's own sessions, left alone. */
	CONTAINER

}
