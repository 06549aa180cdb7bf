package dev.keycard.session;

/**
 * Told what sessions do, for metrics: cookies refused and accepted, sessions created,
 * invalidated and regenerated, what each save did, and how large cookies and stored sessions
 * are. Called on request threads, on the hot path: an implementation must be thread-safe and
 * quick, and must never throw. Every method does nothing by default.
 *
 * <p>With Micrometer present, Keycard records these as {@code keycard.session.*} meters; declare
 * a bean of this type to record them elsewhere.
 */
public interface SessionActivity {

	/** Records nothing. */
	SessionActivity NONE = new SessionActivity() {
	};

	/**
	 * A session cookie was refused; the client gets a new session.
	 * @param reason why
	 */
	default void cookieRefused(CookieRefusal reason) {
	}

	/**
	 * A session cookie was verified.
	 * @param keyId the id of the key it was made under ({@code SessionKey.getId()})
	 */
	default void cookieAccepted(int keyId) {
	}

	/** A new session was written for the first time. */
	default void sessionCreated() {
	}

	/** A session the client held was invalidated: its cookie expired, its record deleted. */
	default void sessionInvalidated() {
	}

	/** A session got a new identity ({@code regenerate()}), keeping its values. */
	default void sessionRegenerated() {
	}

	/**
	 * The end of a request that read a session.
	 * @param outcome what was done
	 */
	default void sessionSaved(SaveOutcome outcome) {
	}

	/**
	 * A session cookie was sent.
	 * @param bytes the length of its {@code Set-Cookie} header value, attributes included
	 */
	default void cookieSent(int bytes) {
	}

	/**
	 * A session was written to a store.
	 * @param bytes its size there: every attribute's name and JSON, in UTF-8
	 */
	default void sessionStored(long bytes) {
	}

	/**
	 * A cleanup run removed expired sessions from a store.
	 * @param count how many
	 */
	default void expiredSessionsDeleted(long count) {
	}

}
