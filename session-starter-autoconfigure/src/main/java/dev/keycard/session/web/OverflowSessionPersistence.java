package dev.keycard.session.web;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.web.StoreSessionPersistence.StoredSession;

/**
 * Cookie sessions that move to a store when they outgrow their cookie: a session stays whole in
 * its cookie while the cookie stays under a threshold, and the write that would take it past
 * moves it to the store instead, the cookie becoming a signed id, with nothing lost and nothing
 * for the controller to do. A cookie value shaped like an id is read from the store, any other
 * as a whole session.
 *
 * <p>A session in the store stays there while it lives, even if it shrinks: moving back would
 * send two concurrent requests of one session to different places, one writing the store and
 * the other the cookie, and per-key merges hold only in the store. A new identity (sign-in,
 * {@code regenerate()}, sign-out) starts afresh: back in the cookie if it fits, its record
 * deleted.
 */
final class OverflowSessionPersistence implements SessionPersistence<OverflowSessionPersistence.Saved> {

	private final CookieSessionPersistence cookies;

	private final StoreSessionPersistence store;

	private final int threshold;

	private final int cookieNameLength;

	/**
	 * Keep sessions in their cookie until they outgrow it.
	 * @param cookies keeps sessions whole in the cookie
	 * @param store keeps sessions in the store behind a signed id
	 * @param threshold longest cookie, name and value, that keeps a session whole, in bytes
	 * @param cookieName the cookie's name
	 */
	OverflowSessionPersistence(CookieSessionPersistence cookies, StoreSessionPersistence store, int threshold,
			String cookieName) {
		this.cookies = cookies;
		this.store = store;
		this.threshold = threshold;
		this.cookieNameLength = cookieName.length() + 1;
	}

	int threshold() {
		return this.threshold;
	}

	@Override
	public Saved nothingSaved() {
		return new Saved(this.cookies.nothingSaved(), null);
	}

	@Override
	public @Nullable Loaded<Saved> read(String cookieValue, Instant now, SessionActivity activity) {
		if (SessionIdCodec.isSessionIdShaped(cookieValue)) {
			Loaded<StoredSession> loaded = this.store.read(cookieValue, now, activity);
			return (loaded != null) ? rewrap(loaded, (stored) -> new Saved(null, stored)) : null;
		}
		Loaded<byte[]> loaded = this.cookies.read(cookieValue, now, activity);
		return (loaded != null) ? rewrap(loaded, (payload) -> new Saved(payload, null)) : null;
	}

	@Override
	public long storedSize(Saved saved) {
		return (saved.stored() != null) ? this.store.storedSize(saved.stored()) : -1;
	}

	@Override
	public boolean contentChanged(TrackedSession session, Saved saved) {
		return (saved.stored() != null) ? this.store.contentChanged(session, saved.stored())
				: this.cookies.contentChanged(session, saved.cookiePayload());
	}

	@Override
	public @Nullable SessionWrite<Saved> plan(TrackedSession session, Saved saved, boolean reissue, Instant now,
			Instant expiresAt) {
		StoredSession stored = saved.stored();
		if (stored != null && !session.identityChanged()) {
			return mapIfAny(this.store.plan(session, stored, reissue, now, expiresAt), Saved::inStore);
		}
		// A stored session with a new identity is written whole, wherever it goes.
		SessionWrite<byte[]> inCookie = (stored != null) ? this.cookies.planWhole(session, now, expiresAt)
				: this.cookies.plan(session, saved.cookiePayload(), reissue, now, expiresAt);
		if (inCookie == null) {
			return null;
		}
		if (inCookie.cookieValue() == null || fits(inCookie.cookieValue())) {
			SessionWrite<Saved> write = map(inCookie, Saved::inCookie);
			return (stored != null) ? afterwards(write, this.store.remove(stored)) : write;
		}
		// Too large for the cookie: the session moves to the store, under an id of its own.
		return mapIfAny(this.store.plan(session, (stored != null) ? stored : this.store.nothingSaved(), reissue, now,
				expiresAt), Saved::inStore);
	}

	@Override
	public SessionWrite<Saved> remove(Saved saved) {
		StoredSession stored = saved.stored();
		return (stored != null) ? map(this.store.remove(stored), (nothing) -> nothingSaved())
				: map(this.cookies.remove(saved.cookiePayload()), Saved::inCookie);
	}

	@Override
	public @Nullable String storeKey(Saved saved) {
		return (saved.stored() != null) ? this.store.storeKey(saved.stored()) : null;
	}

	private boolean fits(String cookieValue) {
		return this.cookieNameLength + cookieValue.length() <= this.threshold;
	}

	private static <S, T> Loaded<T> rewrap(Loaded<S> loaded, Function<S, T> snapshot) {
		return new Loaded<>(loaded.values(), loaded.createdAt(), loaded.expiresAt(), loaded.issuedUnderPreviousKey(),
				snapshot.apply(loaded.snapshot()));
	}

	private static <S, T> @Nullable SessionWrite<T> mapIfAny(@Nullable SessionWrite<S> write,
			Function<S, T> snapshot) {
		return (write != null) ? map(write, snapshot) : null;
	}

	private static <S, T> SessionWrite<T> map(SessionWrite<S> write, Function<S, T> snapshot) {
		return new SessionWrite<>(write.cookie(), write.cookieValue(), write.content(), () -> {
			S written = write.store().get();
			return (written != null) ? snapshot.apply(written) : null;
		});
	}

	/** A write, then the side effects of another, whose cookie is not sent: the record a session left. */
	private static <S> SessionWrite<Saved> afterwards(SessionWrite<Saved> write, SessionWrite<S> cleanup) {
		return new SessionWrite<>(write.cookie(), write.cookieValue(), write.content(), () -> {
			Saved written = write.store().get();
			cleanup.store().get();
			return written;
		});
	}

	/**
	 * A session as this request last saw it: whole in the cookie, or in the store.
	 *
	 * @param cookiePayload the serialized values the cookie carries, when in the cookie
	 * @param stored the stored session, when in the store
	 */
	record Saved(byte @Nullable [] cookiePayload, @Nullable StoredSession stored) {

		static Saved inCookie(byte[] payload) {
			return new Saved(payload, null);
		}

		static Saved inStore(StoredSession stored) {
			return new Saved(null, stored);
		}

		@Override
		public byte[] cookiePayload() {
			byte[] payload = this.cookiePayload;
			return (payload != null) ? payload : new byte[] { '{', '}' };
		}

	}

}
