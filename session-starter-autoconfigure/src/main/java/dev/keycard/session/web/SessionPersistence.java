package dev.keycard.session.web;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.store.SessionStore;

/**
 * Where {@link DefaultSessionManager} keeps session state, in the cookie itself or in a store
 * behind a signed id, and what it remembers of a session between its load and its next write:
 * a snapshot of type {@code S} to compare the session with.
 *
 * @param <S> the snapshot: what a later write compares with and builds on
 */
interface SessionPersistence<S> {

	/**
	 * Return the snapshot of a session the client holds no cookie for.
	 * @return the snapshot of nothing saved
	 */
	S nothingSaved();

	/**
	 * Read the session a cookie stands for.
	 * @param cookieValue the cookie value, as the client sent it
	 * @param now the current time
	 * @param activity is told why a cookie was refused, or under which key it was made
	 * @return the session, or {@code null} if the cookie is invalid or its session is gone
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if a store cannot be
	 * reached: a store failure is never an empty session
	 */
	@Nullable Loaded<S> read(String cookieValue, Instant now, SessionActivity activity);

	/**
	 * Return how large a session is where it is kept apart from its cookie.
	 * @param saved what was written
	 * @return its size in a store, in bytes, or {@code -1} if nothing is kept but the cookie
	 */
	long storedSize(S saved);

	/**
	 * Whether a session's values differ from a snapshot.
	 * @param session the session
	 * @param saved what was last loaded or saved
	 * @return whether the content changed
	 */
	boolean contentChanged(TrackedSession session, S saved);

	/**
	 * Decide how to write a session that is not empty. Has no side effect: what it returns
	 * writes only when applied, once it is known that the cookie can be sent.
	 * @param session the session
	 * @param saved what was last loaded or saved
	 * @param reissue whether the cookie must be sent again even if nothing changed (a rolling
	 * refresh, or a cookie under a previous key)
	 * @param now the time of the write
	 * @param expiresAt the expiry the session gets
	 * @return the write, or {@code null} if nothing must be written
	 * @throws dev.keycard.session.SessionTooLargeException if the session is too large for
	 * the persistence
	 */
	@Nullable SessionWrite<S> plan(TrackedSession session, S saved, boolean reissue, Instant now, Instant expiresAt);

	/**
	 * Decide how to remove the state of an emptied session.
	 * @param saved what was last loaded or saved
	 * @return what removes it: writes nothing but the expired cookie unless applied
	 */
	SessionWrite<S> remove(S saved);

	/**
	 * Return the store key of a saved session, for telling the current session among a
	 * user's.
	 * @param saved what was last loaded or written
	 * @return the key, or {@code null} if the session is not in a store or not saved yet
	 */
	default @Nullable String storeKey(S saved) {
		return null;
	}

	/**
	 * Return the store sessions are kept in.
	 * @return the store, or {@code null} for cookie sessions
	 */
	default @Nullable SessionStore store() {
		return null;
	}

	/**
	 * A session read from a cookie.
	 *
	 * @param values its values, in a mutable map
	 * @param createdAt when it was created
	 * @param expiresAt when it expires
	 * @param issuedUnderPreviousKey whether its cookie was issued under a previous secret
	 * @param snapshot what later writes compare with
	 * @param <S> the snapshot type
	 */
	record Loaded<S>(Map<String, @Nullable Object> values, Instant createdAt, Instant expiresAt,
			boolean issuedUnderPreviousKey, S snapshot) {
	}

}
