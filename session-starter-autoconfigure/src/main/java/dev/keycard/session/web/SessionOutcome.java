package dev.keycard.session.web;

/**
 * What the commits of one request did to its session so far: what tests assert on, and what a
 * filter of the application may log.
 *
 * @param read whether the session was read
 * @param written whether anything was written: a cookie sent or expired, or a store changed
 * @param created whether a new session was written for the first time
 * @param invalidated whether a session the client held was invalidated
 * @param regenerated whether the session got a new identity, keeping its values
 * @param refreshed whether the cookie was issued again with the same content (a rolling
 * refresh, or a cookie under a previous key)
 * @param cookieLength the length of the last {@code Set-Cookie} header value sent for the
 * session, attributes included, or {@code -1} if none was sent
 */
public record SessionOutcome(boolean read, boolean written, boolean created, boolean invalidated, boolean regenerated,
		boolean refreshed, int cookieLength) {
}
