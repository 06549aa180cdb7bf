package dev.keycard.session.web;

import java.time.Clock;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.Session;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.SessionManager;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * The {@link SessionManager} of Keycard: keeps each session in its cookie, as a token from a
 * {@link SessionCodec}, or in a {@link SessionStore} behind a signed id. Reading is lazy and
 * forgiving: a request that never asks for its session costs nothing, and a tampered, expired
 * or garbled cookie gives a new, empty session. Writing happens only when something must be
 * written. A store that cannot be reached fails the request with
 * {@link SessionStoreUnavailableException}, never with an empty session.
 */
public final class DefaultSessionManager implements DeferredSessionManager {

	private static final String DEFERRED_SESSION_ATTRIBUTE = DeferredSession.class.getName();

	private final SessionContext<?> context;

	private DefaultSessionManager(SessionContext<?> context) {
		this.context = context;
	}

	/**
	 * Create a manager that keeps each session in its cookie.
	 * @param codec turns session tokens into cookie values and back
	 * @param serializer turns session values into JSON and back
	 * @param cookie writes the session cookie
	 * @param lifetime how long sessions live
	 * @param clock tells the time, for expiry
	 * @return the manager
	 */
	public static DefaultSessionManager inCookies(SessionCodec codec, SessionSerializer serializer,
			SessionCookie cookie, SessionLifetime lifetime, Clock clock) {
		Assert.notNull(codec, "codec must not be null");
		return create(new CookieSessionPersistence(codec, serializer, cookie.name()),
				new SessionStorage(SessionStorage.COOKIE, codec.getMode()), serializer, cookie, lifetime, clock);
	}

	/**
	 * Create a manager that keeps sessions in a store, behind a signed id in the cookie.
	 * @param store the store
	 * @param idCodec signs session ids and hashes them into store keys
	 * @param serializer turns session values into JSON and back
	 * @param cookie writes the session cookie
	 * @param lifetime how long sessions live
	 * @param clock tells the time, for expiry
	 * @return the manager
	 */
	public static DefaultSessionManager inStore(SessionStore store, SessionIdCodec idCodec,
			SessionSerializer serializer, SessionCookie cookie, SessionLifetime lifetime, Clock clock) {
		Assert.notNull(store, "store must not be null");
		Assert.notNull(idCodec, "idCodec must not be null");
		return create(new StoreSessionPersistence(store, idCodec, serializer, cookie.name()),
				new SessionStorage(store.getName(), SessionStorage.SIGNED_ID), serializer, cookie, lifetime, clock);
	}

	private static <S> DefaultSessionManager create(SessionPersistence<S> persistence, SessionStorage storage,
			SessionSerializer serializer, SessionCookie cookie, SessionLifetime lifetime, Clock clock) {
		Assert.notNull(serializer, "serializer must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		Assert.notNull(clock, "clock must not be null");
		return new DefaultSessionManager(
				new SessionContext<>(persistence, serializer, cookie, lifetime, clock, SessionActivity.NONE, storage));
	}

	/**
	 * Return a manager like this one that tells an activity what its sessions do, for metrics.
	 * @param activity what is told
	 * @return the new manager
	 */
	public DefaultSessionManager withActivity(SessionActivity activity) {
		Assert.notNull(activity, "activity must not be null");
		return new DefaultSessionManager(this.context.withActivity(activity));
	}

	/**
	 * Return a manager like this one whose cookie sessions move to a store when they outgrow
	 * their cookie: a session stays whole in its cookie while the cookie, name and value, is at
	 * most {@code threshold} bytes, and moves to the store, behind a signed id, on the write that
	 * would make it longer. It stays there while it lives; a new identity (sign-in, sign-out,
	 * {@code regenerate()}) brings it back to the cookie if it fits.
	 * @param store the store sessions move to
	 * @param idCodec signs session ids and hashes them into store keys
	 * @param threshold the longest cookie that keeps a session whole, in bytes
	 * @return the new manager
	 * @throws IllegalStateException if this manager keeps sessions in a store already
	 */
	public DefaultSessionManager withOverflow(SessionStore store, SessionIdCodec idCodec, int threshold) {
		Assert.notNull(store, "store must not be null");
		Assert.notNull(idCodec, "idCodec must not be null");
		if (!(this.context.persistence() instanceof CookieSessionPersistence cookies)) {
			throw new IllegalStateException("Only cookie sessions overflow to a store: these are kept in one already");
		}
		String cookieName = this.context.cookie().name();
		StoreSessionPersistence inStore = new StoreSessionPersistence(store, idCodec, this.context.serializer(),
				cookieName);
		SessionStorage storage = new SessionStorage(SessionStorage.COOKIE, this.context.storage().mode(),
				store.getName());
		return new DefaultSessionManager(this.context
			.withPersistence(new OverflowSessionPersistence(cookies, inStore, threshold, cookieName))
			.withStorage(storage));
	}

	/**
	 * Return a manager like this one whose cookie sessions are checked against revocations kept
	 * in memory, so that a user's sessions can be revoked although the server keeps none.
	 * @param revocations the revocations
	 * @param recordSessions whether signed-in sessions are recorded in the revocation store, so
	 * that a user's devices can be listed (a write at sign-in, rolling refresh and sign-out)
	 * @return the new manager
	 * @throws IllegalStateException if this manager keeps sessions in a store, where revoking
	 * deletes them
	 */
	public DefaultSessionManager withRevocations(RevocationList revocations, boolean recordSessions) {
		Assert.notNull(revocations, "revocations must not be null");
		if (!(this.context.persistence() instanceof CookieSessionPersistence cookies)) {
			throw new IllegalStateException("Revocations are for cookie sessions: a session in a store is revoked by "
					+ "deleting it");
		}
		return new DefaultSessionManager(
				this.context.withPersistence(new RevocableCookiePersistence(cookies, revocations, recordSessions)));
	}

	@Override
	public DeferredSession loadDeferred(HttpServletRequest request) {
		Assert.notNull(request, "request must not be null");
		if (request.getAttribute(DEFERRED_SESSION_ATTRIBUTE) instanceof RequestSession<?> deferred) {
			return deferred;
		}
		RequestSession<?> deferred = new RequestSession<>(this.context, request);
		request.setAttribute(DEFERRED_SESSION_ATTRIBUTE, deferred);
		return deferred;
	}

	/**
	 * {@inheritDoc}
	 * <p>Keycard's filter saves every session on its own; call this only to write the cookie
	 * earlier than that, or where the filter is not installed.
	 * @throws IllegalArgumentException if the session did not come from this manager
	 * @throws IllegalStateException if the response is already committed and a cookie would
	 * be needed; nothing is written then
	 */
	@Override
	public void save(Session session, HttpServletResponse response) {
		Assert.notNull(response, "response must not be null");
		if (!(session instanceof TrackedSession tracked) || !(tracked.owner() instanceof RequestSession<?> owner)
				|| owner.context() != this.context) {
			throw new IllegalArgumentException("Only a session returned by load(request) of this manager can be saved");
		}
		owner.save(response);
	}

	/**
	 * Return the store key of a request's session, reading the session if need be.
	 * @param request the request
	 * @return the key, or {@code null} for a cookie session or one not saved yet
	 */
	@Nullable String storeKeyOf(HttpServletRequest request) {
		return ((RequestSession<?>) loadDeferred(request)).storeKey();
	}

	/** The revocations of cookie sessions, or {@code null} if they cannot be revoked. */
	@Nullable RevocableCookiePersistence revocableCookies() {
		return (this.context.persistence() instanceof RevocableCookiePersistence revocable) ? revocable : null;
	}

	/**
	 * Run an action right after a request's session is next stored with a principal, once.
	 * @param request the request
	 * @param action what to run, given the principal
	 */
	void afterSignedInWrite(HttpServletRequest request, Consumer<String> action) {
		((RequestSession<?>) loadDeferred(request)).afterSignedInWrite(action);
	}

	/** The store sessions are kept in, or {@code null} for cookie sessions. */
	@Nullable SessionStore store() {
		return this.context.persistence().store();
	}

	Clock clock() {
		return this.context.clock();
	}

	/**
	 * Return the cookie this manager writes.
	 * @return the session cookie
	 */
	public SessionCookie getCookie() {
		return this.context.cookie();
	}

	/**
	 * Return where this manager keeps sessions.
	 * @return the store and the mode
	 */
	public SessionStorage getStorage() {
		return this.context.storage();
	}

	/**
	 * Return how long this manager's sessions live.
	 * @return the lifetime
	 */
	public SessionLifetime getLifetime() {
		return this.context.lifetime();
	}

}
