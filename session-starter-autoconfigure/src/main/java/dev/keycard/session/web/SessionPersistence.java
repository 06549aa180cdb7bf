package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link DefaultSessionManager} keeps session state: in the cookie itself, or in a store
 * behind a signed id.
 */
interface SessionPersistence {

	/**
	 * Read the session a cookie stands for.
	 * @return the session, or {@code null} if the cookie is invalid or its session is gone
	 */
	@Nullable TrackedSession read(String cookieValue, Clock clock);

	/** Whether the content changed since it was loaded or last saved. */
	boolean hasChanges(TrackedSession session);

	/**
	 * Save a non-empty session.
	 * @return the cookie value to send, or {@code null} if the client's cookie stays valid
	 */
	@Nullable String save(TrackedSession session, Instant now, Instant expiresAt);

	/** Record that what {@link #save} returned reached the response. */
	void saved(TrackedSession session, Instant expiresAt);

	/** Remove the state of an emptied or invalidated session, if any is kept. */
	void remove(TrackedSession session);

}
