package dev.keycard.session.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keeps sessions on the server, so that the cookie carries only a signed id. Knows nothing
 * of HTTP: Keycard verifies the cookie, hashes the id and calls the store with the hash, so a
 * store never sees a value that could be replayed as a cookie.
 *
 * <p>A record is a set of attributes, each a JSON text under its name, with a creation and an
 * expiry instant. To write a store for another database (MongoDB, DynamoDB, ...):
 * <ul>
 * <li>{@link #load(String)} returns the record, or {@code null} if there is none or it has
 * expired: an expired record must never be returned, even if the database has not removed it
 * yet.</li>
 * <li>{@link #save(String, SessionChanges)} applies the changes to one record atomically: the
 * attributes that changed are written, the removed ones deleted, the others left as they are,
 * so that two requests of one session that change different attributes at the same time both
 * survive. Use what the database offers: a hash and a script in Redis, a row lock or a
 * compare-and-set in SQL, a conditional update in DynamoDB. A {@link SessionChanges#isNew()
 * new} record replaces whatever the key held. Changes to a record that is missing, or expired
 * but not yet removed, are dropped and {@code save} returns {@code false}. The expiry is set to
 * {@link SessionChanges#expiresAt()}; the database's own expiry (a TTL) should be used where it
 * has one, and every record must expire: Keycard removes expired records of its own stores, but
 * never those of a store you provide.</li>
 * <li>{@link #delete(String)} removes the record; deleting a missing record is not an
 * error.</li>
 * <li>A store that cannot reach its database throws {@link SessionStoreUnavailableException}:
 * the request then fails with 503 instead of carrying on with an empty session that would
 * overwrite the stored one. Any other exception fails the request too, except an
 * {@link IllegalArgumentException} from reading a record whose content is not valid, which
 * gives the client a new session under a new id and leaves the record alone.</li>
 * <li>A store is called by many request threads at once and must be thread-safe.</li>
 * <li>Optionally, {@link SessionRecord#version()} may tell a state of the record; Keycard
 * hands it back as {@link SessionChanges#loadedVersion()}, so that changes to a record nobody
 * else changed meanwhile can be written with one compare-and-set instead of a lock.</li>
 * <li>Optionally, a store keeps a <em>principal index</em>: it files each record under
 * {@link SessionChanges#principal()} when it saves it, and {@link #findByPrincipal(String)}
 * returns the live records filed under a principal, so that a user's sessions can be listed and
 * revoked ("sign out everywhere"). A store that does returns {@code true} from
 * {@link #isIndexedByPrincipal()}. The index may lag behind deletions and expiry, but
 * {@code findByPrincipal} must never return a record that is deleted, expired, or now belongs
 * to another principal.</li>
 * </ul>
 * Declare the store as a bean and Keycard uses it, whatever {@code app.session.store} says.
 * Keycard's own test suite has a contract test that every built-in store passes
 * ({@code AbstractSessionStoreTests}); it is the executable form of this description.
 */
public interface SessionStore {

	/**
	 * The attribute that names the principal a session belongs to, as a JSON string: written
	 * by Keycard when a user signs in, read back into {@link SessionChanges#principal()}.
	 */
	String PRINCIPAL_ATTRIBUTE = "keycard.principal";

	/**
	 * Load a record.
	 * @param key the hash of the session id, a Base64url string of 43 characters
	 * @return the record, or {@code null} if there is none or it has expired
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	@Nullable SessionRecord load(String key);

	/**
	 * Apply changes to a record atomically. A {@link SessionChanges#isNew() new} record is
	 * created with exactly the changed attributes. Changes to a record that no longer exists
	 * (another request deleted it) are dropped, so that an invalidated session is not revived
	 * in part.
	 * @param key the hash of the session id
	 * @param changes the changes
	 * @return {@code false} if the record did not exist and the changes were dropped
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	boolean save(String key, SessionChanges changes);

	/**
	 * Delete a record, if there is one.
	 * @param key the hash of the session id
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	void delete(String key);

	/**
	 * Return whether this store keeps a principal index, so that
	 * {@link #findByPrincipal(String)} works. Keycard's four stores do.
	 * @return {@code false} by default
	 */
	default boolean isIndexedByPrincipal() {
		return false;
	}

	/**
	 * Find the live sessions of a principal.
	 * @param principal the principal's name
	 * @return each live record filed under the principal by its key, never one that is deleted,
	 * expired or belongs to another principal
	 * @throws UnsupportedOperationException if the store keeps no principal index
	 * @throws SessionStoreUnavailableException if the database cannot be reached
	 */
	default Map<String, SessionRecord> findByPrincipal(String principal) {
		throw new UnsupportedOperationException(
				"The session store '" + getName() + "' keeps no principal index: it cannot list a user's sessions");
	}

	/**
	 * Return a short name for this store, for the startup log, metrics, health and the
	 * {@code keycard} actuator endpoint: Keycard's stores are {@code memory}, {@code file},
	 * {@code redis} and {@code jdbc}.
	 * @return the name; by default the simple name of the class
	 */
	default String getName() {
		return getClass().getSimpleName();
	}

}
