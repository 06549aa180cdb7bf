package dev.keycard.session.revocation;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the revocations of cookie sessions are kept and shared by every instance of an
 * application: Redis ({@code RedisRevocationStore}) or a SQL database
 * ({@code JdbcRevocationStore}). Requests never call it: each instance reads it into its
 * {@link RevocationList} and checks cookies there. Users are named by their principal key
 * ({@link dev.keycard.session.store.internal.PrincipalKey}), never by name.
 *
 * <p>Every change moves the store to a new {@link RevocationVersion}, atomically with the change,
 * so that an instance that reads the same version twice knows it missed nothing in between, and
 * one whose store lost changes (a failover) finds out.
 */
public interface RevocationStore {

	/**
	 * Read every revocation.
	 * @return the revocations, as of one version
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached
	 */
	RevocationSnapshot load();

	/**
	 * Return the current version, cheaply: instances ask every fraction of the staleness bound.
	 * @return the version
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached
	 */
	RevocationVersion version();

	/**
	 * Revoke a user's sessions, atomically {@link PrincipalRevocation#combined combined} with the
	 * user's previous revocation, so that no revocation undoes another.
	 * @param principalKey the user's principal key
	 * @param revocation what is revoked
	 * @return the change, with the combined revocation and the store's versions before and after
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached: nothing is revoked then
	 */
	RevocationChange revoke(String principalKey, PrincipalRevocation revocation);

	/**
	 * Revoke one session.
	 * @param sessionId the session's id
	 * @param until when it would have expired anyway, after which the store may forget it
	 * @return the change, with the store's versions before and after
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached: nothing is revoked then
	 */
	RevocationChange revokeSession(String sessionId, Instant until);

	/**
	 * Record a signed-in session of a user, or update its record, for the device list.
	 * @param principalKey the user's principal key
	 * @param session the session
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached
	 */
	void record(String principalKey, IssuedSession session);

	/**
	 * Forget a recorded session, as a sign-out does.
	 * @param principalKey the user's principal key
	 * @param sessionId the session's id
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached
	 */
	void forget(String principalKey, String sessionId);

	/**
	 * Return the recorded sessions of a user, forgetting those expired before {@code now}.
	 * @param principalKey the user's principal key
	 * @param now the current time
	 * @return the sessions not expired, revoked ones included
	 * @throws dev.keycard.session.store.SessionStoreUnavailableException if the store cannot be
	 * reached
	 */
	List<IssuedSession> recorded(String principalKey, Instant now);

	/**
	 * Have every change, made by any instance, told as soon as it is made, where the store can
	 * push changes (Redis pub/sub). Changes are told on a thread of the store's; one that is lost
	 * is found by the next version check.
	 * @param listener what is told
	 * @return what stops the telling
	 */
	default AutoCloseable subscribe(Consumer<RevocationChange> listener) {
		return () -> {
		};
	}

	/**
	 * Return a short name for this store, for logs and the {@code keycard} actuator endpoint.
	 * @return {@code redis} or {@code jdbc} for Keycard's stores
	 */
	String getName();

}
