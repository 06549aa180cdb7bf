package dev.keycard.session.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.SaveOutcome;
import dev.keycard.session.Session;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * The session of one request of {@link DefaultSessionManager}: reads it on first use, and owns
 * its commit. Each commit makes one decision (nothing, set the cookie, expire it) before any
 * side effect, then writes: a response that has already committed cannot leave a store
 * half-changed.
 *
 * @param <S> the persistence's snapshot type
 */
final class RequestSession<S> implements DeferredSession, TrackedSession.Owner {

	/** Duplicate cookies of one name (other paths or domains) tried before giving up. */
	private static final int MAX_COOKIES_TRIED = 4;

	private static final Log logger = LogFactory.getLog(RequestSession.class);

	private final SessionContext<S> context;

	private final HttpServletRequest request;

	private @Nullable TrackedSession session;

	/** What was last loaded or written. */
	private S saved;

	/** Whether the cookie must be sent again even if nothing changed: a rolling refresh, an old key. */
	private boolean reissue;

	/** Whether the client holds a cookie of this session, which emptying the session must expire. */
	private boolean clientHasSession;

	/** Whether this response carries a Set-Cookie of the session already, which a later one replaces. */
	private boolean cookieSent;

	private boolean markedPrivate;

	/** What the commits of this request did, for {@link #outcome()}. */
	private boolean written;

	private boolean created;

	private boolean invalidated;

	private boolean regenerated;

	private boolean refreshed;

	private int cookieLength = -1;

	/** Whether a commit with nothing to write was counted: once per request, however many commits. */
	private boolean unchangedCounted;

	private State state = State.OPEN;

	/** What runs once the session is next stored signed in, given its principal: a sign-in limit's trim. */
	private @Nullable Consumer<String> afterSignedInWrite;

	RequestSession(SessionContext<S> context, HttpServletRequest request) {
		this.context = context;
		this.request = request;
		this.saved = context.persistence().nothingSaved();
	}

	SessionContext<S> context() {
		return this.context;
	}

	@Override
	public Session get() {
		TrackedSession session = this.session;
		if (session == null) {
			session = (this.state == State.UNAVAILABLE) ? newSession() : readOrFail();
			this.session = session;
		}
		return session;
	}

	/**
	 * Return the store key of this request's session, reading the session if need be.
	 * @return the key, or {@code null} for a cookie session or one not saved yet
	 */
	@Nullable String storeKey() {
		get();
		return this.context.persistence().storeKey(this.saved);
	}

	/**
	 * Run an action right after this request's session is next written to the store with a
	 * principal, once: what a sign-in limit needs, whose trim must follow the save of the
	 * sign-in it counts. Nothing runs if the session is never stored signed in.
	 * @param action what to run, given the principal
	 */
	void afterSignedInWrite(Consumer<String> action) {
		this.afterSignedInWrite = action;
	}

	@Override
	public boolean isLoaded() {
		return this.session != null;
	}

	@Override
	public boolean mayExist() {
		TrackedSession session = this.session;
		if (session != null) {
			return !session.isNew() || !session.isEmpty();
		}
		Cookie[] cookies = RequestCookies.of(this.request);
		String name = this.context.cookie().name();
		for (Cookie cookie : (cookies != null) ? cookies : new Cookie[0]) {
			if (name.equals(cookie.getName())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void commit(HttpServletResponse response) {
		write(response, false);
	}

	/** Write now, for {@code SessionManager.save}: a cookie that cannot be sent is an error. */
	void save(HttpServletResponse response) {
		write(response, true);
	}

	@Override
	public void discard(Throwable failure) {
		this.session = null;
		this.saved = this.context.persistence().nothingSaved();
		this.reissue = false;
		this.clientHasSession = false;
		this.afterSignedInWrite = null;
		this.state = (failure instanceof SessionStoreUnavailableException) ? State.UNAVAILABLE : State.OPEN;
	}

	@Override
	public boolean contentChanged(TrackedSession session) {
		return this.context.persistence().contentChanged(session, this.saved);
	}

	private TrackedSession readOrFail() {
		try {
			return read();
		}
		catch (SessionStoreUnavailableException ex) {
			// Whatever asks again in this request (an error page) must not wait for the store twice.
			this.state = State.UNAVAILABLE;
			throw ex;
		}
	}

	private TrackedSession read() {
		Instant now = this.context.clock().instant();
		Cookie[] cookies = RequestCookies.of(this.request);
		String name = this.context.cookie().name();
		int tried = 0;
		for (Cookie cookie : (cookies != null) ? cookies : new Cookie[0]) {
			if (name.equals(cookie.getName()) && tried++ < MAX_COOKIES_TRIED) {
				// Bad input gives null; a store that fails throws, so that no empty session replaces its data.
				SessionPersistence.Loaded<S> loaded = this.context.persistence()
					.read(cookie.getValue(), now, this.context.activity());
				if (loaded != null) {
					return restore(loaded, now);
				}
				if (logger.isDebugEnabled()) {
					// Never the value itself: it is someone's session.
					logger.debug("Ignored session cookie '" + name + "' of " + cookie.getValue().length()
							+ " characters, the client gets a new session: not a valid, unexpired session issued for this cookie");
				}
			}
		}
		return newSession();
	}

	private TrackedSession restore(SessionPersistence.Loaded<S> loaded, Instant now) {
		this.saved = loaded.snapshot();
		this.clientHasSession = true;
		this.reissue = loaded.issuedUnderPreviousKey()
				|| this.context.lifetime().isRefreshDue(loaded.createdAt(), loaded.expiresAt(), now);
		return new TrackedSession(this.context.serializer(), this.context.clock(), this, loaded.values(), false,
				loaded.createdAt(), loaded.expiresAt());
	}

	private TrackedSession newSession() {
		Instant now = this.context.clock().instant();
		return new TrackedSession(this.context.serializer(), this.context.clock(), this, new LinkedHashMap<>(), true,
				now, this.context.lifetime().expiryFor(now, now));
	}

	private void write(HttpServletResponse response, boolean explicit) {
		TrackedSession session = this.session;
		if (session == null || this.state != State.OPEN) {
			return;
		}
		if (!this.markedPrivate && !response.isCommitted()) {
			// A response that read the session depends on the cookie, whether or not it sets one.
			PrivateResponse.mark(response);
			this.markedPrivate = true;
		}
		try {
			Instant now = this.context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
			Instant expiresAt = this.context.lifetime().expiryFor(session.getCreationTime(), now);
			SessionWrite<S> write = decide(session, now, expiresAt);
			if (write == null) {
				session.markUnchanged();
				if (!this.written && !this.unchangedCounted) {
					this.unchangedCounted = true;
					this.context.activity().sessionSaved(SaveOutcome.UNCHANGED);
				}
				return;
			}
			String header = switch (write.cookie()) {
				case SET -> this.context.cookie().issue(write.cookieValue(), now, expiresAt);
				case EXPIRE -> this.context.cookie().expire();
				case KEEP -> null;
			};
			if (header != null && response.isCommitted()) {
				refuseCommitted(explicit);
				return;
			}
			if (header != null) {
				SessionSizeLimit.checkCookie(header, session.contents(), this.context.serializer());
			}
			apply(session, write, header, response, expiresAt);
		}
		catch (SessionTooLargeException ex) {
			this.context.activity().sessionSaved(SaveOutcome.TOO_LARGE);
			failed(explicit);
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(explicit);
			throw ex;
		}
	}

	private void failed(boolean explicit) {
		if (!explicit) {
			// Reported once, to whatever handles it; the end of the request must not throw it again.
			this.state = State.FAILED;
		}
	}

	@Override
	public SessionOutcome outcome() {
		return new SessionOutcome(this.session != null, this.written, this.created, this.invalidated,
				this.regenerated, this.refreshed, this.cookieLength);
	}

	/** The one decision of this commit, made before any side effect. */
	private @Nullable SessionWrite<S> decide(TrackedSession session, Instant now, Instant expiresAt) {
		if (!session.isEmpty()) {
			return this.context.persistence().plan(session, this.saved, this.reissue, now, expiresAt);
		}
		boolean touched = session.mayHaveChanged() || session.identityChanged() || this.reissue;
		return (touched && this.clientHasSession) ? this.context.persistence().remove(this.saved) : null;
	}

	private void apply(TrackedSession session, SessionWrite<S> write, @Nullable String header,
			HttpServletResponse response, Instant expiresAt) {
		S written = write.store().get();
		this.reissue = false;
		if (written == null) {
			// Another request deleted the session meanwhile; its client's cookie leads nowhere now.
			this.saved = this.context.persistence().nothingSaved();
			session.markWritten(expiresAt);
			return;
		}
		this.saved = written;
		recordWrite(session, write, written);
		session.markWritten(expiresAt);
		if (header != null) {
			this.context.cookie().send(response, header, this.cookieSent);
			this.cookieSent = true;
			this.clientHasSession = write.cookie() == SessionWrite.CookieChange.SET;
			this.cookieLength = header.length();
			this.context.activity().cookieSent(header.length());
		}
		Consumer<String> after = this.afterSignedInWrite;
		if (after != null && write.cookie() != SessionWrite.CookieChange.EXPIRE
				&& this.context.persistence().storeKey(written) != null
				&& session.contents().get(SessionStore.PRINCIPAL_ATTRIBUTE) instanceof String principal) {
			this.afterSignedInWrite = null;
			after.accept(principal);
		}
	}

	/** Tell the activity what a write did, before it is marked written and its pending changes forgotten. */
	private void recordWrite(TrackedSession session, SessionWrite<S> write, S written) {
		SessionActivity activity = this.context.activity();
		this.written = true;
		if (write.cookie() == SessionWrite.CookieChange.EXPIRE) {
			this.invalidated = true;
			activity.sessionInvalidated();
			return;
		}
		if (session.invalidationPending() && this.clientHasSession) {
			this.invalidated = true;
			activity.sessionInvalidated();
		}
		boolean identity = true;
		if (!this.clientHasSession || session.invalidationPending()) {
			this.created = true;
			activity.sessionCreated();
		}
		else if (session.regenerationPending()) {
			this.regenerated = true;
			activity.sessionRegenerated();
		}
		else {
			identity = false;
		}
		if (write.content() || identity) {
			activity.sessionSaved(SaveOutcome.WRITTEN);
		}
		else {
			this.refreshed = true;
			activity.sessionSaved(SaveOutcome.REFRESHED);
		}
		long stored = this.context.persistence().storedSize(written);
		if (stored >= 0) {
			activity.sessionStored(stored);
		}
	}

	private void refuseCommitted(boolean explicit) {
		String problem = "the session changed, but the response was already committed, so its cookie cannot be sent";
		if (explicit) {
			throw new IllegalStateException("Cannot save: " + problem + ". Save the session before writing the body.");
		}
		this.context.activity().sessionSaved(SaveOutcome.TOO_LATE);
		logger.warn("Session not saved, and its store left as it was: " + problem
				+ ". Change the session before writing the response body.");
	}

	private enum State {

		/** Reads and writes as usual. */
		OPEN,

		/** A commit failed: nothing more is written in this request. */
		FAILED,

		/** The store could not be reached: what asks for the session gets an empty one, never written. */
		UNAVAILABLE

	}

}
