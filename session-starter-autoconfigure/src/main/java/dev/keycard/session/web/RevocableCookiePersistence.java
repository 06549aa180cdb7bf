package dev.keycard.session.web;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.RevocationList;

/**
 * Cookie sessions that can be revoked: each signed-in cookie is checked against the
 * {@link RevocationList} this instance keeps in memory, with no round trip, and a revoked one
 * is refused like an expired one: the client gets a new, empty session. A sign-out revokes the
 * session it ends, so that a copy of its cookie is refused too. When sessions are recorded for
 * the device list, a sign-in and a rolling refresh write the revocation store once; no other
 * request does.
 */
final class RevocableCookiePersistence implements SessionPersistence<RevocableCookiePersistence.Saved> {

	private final CookieSessionPersistence cookies;

	private final RevocationList revocations;

	private final boolean recordSessions;

	RevocableCookiePersistence(CookieSessionPersistence cookies, RevocationList revocations, boolean recordSessions) {
		this.cookies = cookies;
		this.revocations = revocations;
		this.recordSessions = recordSessions;
	}

	RevocationList revocations() {
		return this.revocations;
	}

	boolean recordsSessions() {
		return this.recordSessions;
	}

	@Override
	public Saved nothingSaved() {
		return new Saved(this.cookies.nothingSaved(), null);
	}

	@Override
	public @Nullable Loaded<Saved> read(String cookieValue, Instant now, SessionActivity activity) {
		Loaded<byte[]> loaded = this.cookies.read(cookieValue, now, activity);
		if (loaded == null) {
			return null;
		}
		SignedInDevice device = SignedInDevice.of(loaded.values(), loaded.createdAt());
		if (device != null && this.revocations.isRevoked(device.principal(), device.id(), device.signedInAt())) {
			activity.cookieRefused(CookieRefusal.REVOKED);
			return null;
		}
		return new Loaded<>(loaded.values(), loaded.createdAt(), loaded.expiresAt(), loaded.issuedUnderPreviousKey(),
				new Saved(loaded.snapshot(), device));
	}

	@Override
	public long storedSize(Saved saved) {
		return -1;
	}

	@Override
	public boolean contentChanged(TrackedSession session, Saved saved) {
		return this.cookies.contentChanged(session, saved.payload());
	}

	@Override
	public @Nullable SessionWrite<Saved> plan(TrackedSession session, Saved saved, boolean reissue, Instant now,
			Instant expiresAt) {
		SessionWrite<byte[]> write = this.cookies.plan(session, saved.payload(), reissue, now, expiresAt);
		if (write == null) {
			return null;
		}
		SignedInDevice current = SignedInDevice.of(session.contents(), session.getCreationTime());
		SignedInDevice previous = saved.device();
		return new SessionWrite<>(write.cookie(), write.cookieValue(), write.content(), () -> {
			byte[] payload = write.store().get();
			boolean sameSession = sameSession(previous, current);
			if (previous != null && !sameSession) {
				signedOut(previous);
			}
			if (current != null && current.id() != null && this.recordSessions && (reissue || !sameSession)) {
				IssuedSession issued = new IssuedSession(current.id(), current.signedInAt(), now, expiresAt,
						current.userAgent(), current.ipAddress());
				if (sameSession) {
					this.revocations.refreshed(current.principal(), issued);
				}
				else {
					this.revocations.record(current.principal(), issued);
				}
			}
			return new Saved(Objects.requireNonNull(payload), current);
		});
	}

	@Override
	public SessionWrite<Saved> remove(Saved saved) {
		SessionWrite<byte[]> write = this.cookies.remove(saved.payload());
		return SessionWrite.expire(() -> {
			byte[] payload = write.store().get();
			if (saved.device() != null) {
				signedOut(saved.device());
			}
			return new Saved(Objects.requireNonNull(payload), null);
		});
	}

	private static boolean sameSession(@Nullable SignedInDevice previous, @Nullable SignedInDevice current) {
		return previous != null && current != null && Objects.equals(previous.id(), current.id())
				&& previous.principal().equals(current.principal());
	}

	/** A sign-out revokes the session, so that a copy of its cookie is refused too. */
	private void signedOut(SignedInDevice device) {
		if (device.id() != null) {
			this.revocations.signedOut(device.principal(), device.id(), this.recordSessions);
		}
	}

	/**
	 * A cookie session as this request last saw it.
	 *
	 * @param payload the serialized values the cookie carries
	 * @param device who it is signed in as, or {@code null}
	 */
	record Saved(byte[] payload, @Nullable SignedInDevice device) {
	}

}
