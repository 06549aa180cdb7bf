package dev.keycard.session;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The state Keycard keeps for one client between requests: a {@link Map} of JSON values
 * (strings, numbers, booleans, {@code null}, lists and maps of those), plus what a session
 * needs beyond a map.
 *
 * <p>Declare it as a controller parameter and use it like any map; Keycard saves it when the
 * response is sent, and only if something changed:
 *
 * <pre class="code">
 * &#64;GetMapping("/visits")
 * String visits(Session session) {
 *     int count = (int) session.getOrDefault("count", 0) + 1;
 *     session.put("count", count);
 *     return "You have visited " + count + " times";
 * }
 * </pre>
 *
 * <p>Values read back in a later request are what JSON gives: a {@code Map} for an object, a
 * {@code List} for an array, {@code Integer}, {@code Long}, {@code BigInteger} or
 * {@code Double} for a number. Records and POJOs may be stored; read them back with
 * {@link #get(String, Class)}. In-place changes to a nested list or map are saved too.
 *
 * <p>A session belongs to one request at a time and is not thread-safe.
 *
 * @see SessionManager
 */
public interface Session extends Map<String, @Nullable Object> {

	/**
	 * Return the value stored under a key, converted to the given type: a JSON object stored
	 * by an earlier request comes back as a record or POJO. The result is a copy; to change
	 * it, {@link #put(Object, Object) put} it back.
	 * @param key the key
	 * @param type the type to convert the value to, for example {@code Cart.class}
	 * @param <T> the type
	 * @return the value, or {@code null} if there is none
	 * @throws IllegalArgumentException if the value cannot be converted to the type
	 */
	<T> @Nullable T get(String key, Class<T> type);

	/**
	 * Whether this session started in this request: the client sent no session, or one that
	 * was invalid, expired or invalidated.
	 * @return {@code true} for a session created by this request
	 */
	boolean isNew();

	/**
	 * Whether this request has changed the session so far: a value put, removed or changed in
	 * place, an {@link #invalidate()} or a {@link #regenerate()}. Reading never counts, and
	 * neither does putting back the value that was there. For interceptors and filters that act
	 * on a change; Keycard itself saves a session whenever its content differs from what was
	 * loaded, whatever this returns.
	 * @return {@code true} if the session differs from what was loaded or last saved
	 */
	boolean isModified();

	/**
	 * Discard this session: remove all its values and start a new one. A client that came
	 * with a session cookie gets it expired unless values are put again in this request.
	 */
	void invalidate();

	/**
	 * Keep the values but issue the session under a new identity, as a defence against
	 * session fixation when a user signs in. Server-side stores move the record to a new id
	 * and delete the old one; the cookie store issues a fresh cookie.
	 */
	void regenerate();

	/**
	 * Return when this session was created; a session's {@code absolute-timeout} counts from
	 * here.
	 * @return the creation instant
	 */
	Instant getCreationTime();

	/**
	 * Return when this session expires unless it is saved again before then.
	 * @return the expiry instant
	 */
	Instant getExpiryTime();

}
