package dev.keycard.session.web;

import java.time.Instant;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SessionToken;

/**
 * Keeps the whole session in the cookie, as a token from a {@link SessionCodec}. Its snapshot
 * is the serialized values the cookie carries.
 */
final class CookieSessionPersistence implements SessionPersistence<byte[]> {

	private static final byte[] NOTHING = { '{', '}' };

	private static final Log logger = LogFactory.getLog(CookieSessionPersistence.class);

	private final SessionCodec codec;

	private final SessionSerializer serializer;

	private final String cookieName;

	CookieSessionPersistence(SessionCodec codec, SessionSerializer serializer, String cookieName) {
		this.codec = codec;
		this.serializer = serializer;
		this.cookieName = cookieName;
	}

	@Override
	public byte[] nothingSaved() {
		return NOTHING;
	}

	@Override
	public @Nullable Loaded<byte[]> read(String cookieValue, Instant now, SessionActivity activity) {
		try {
			SessionToken token = this.codec.decode(this.cookieName, cookieValue, now, activity);
			if (token == null) {
				return null;
			}
			return new Loaded<>(this.serializer.deserialize(token.payload()), token.createdAt(), token.expiresAt(),
					token.issuedUnderPreviousKey(), token.payload());
		}
		catch (RuntimeException ex) {
			// Everything here came from the client: a value a codec or the serializer cannot read
			// is bad input, not an error.
			if (logger.isDebugEnabled()) {
				logger.debug("Session cookie content cannot be read: " + ex.getMessage());
			}
			activity.cookieRefused(CookieRefusal.UNREADABLE);
			return null;
		}
	}

	@Override
	public long storedSize(byte[] saved) {
		return -1;
	}

	@Override
	public boolean contentChanged(TrackedSession session, byte[] saved) {
		return !Arrays.equals(this.serializer.serialize(session.contents()), saved);
	}

	@Override
	public @Nullable SessionWrite<byte[]> plan(TrackedSession session, byte[] saved, boolean reissue, Instant now,
			Instant expiresAt) {
		byte[] payload = saved;
		if (session.mayHaveChanged()) {
			byte[] current = this.serializer.serialize(session.contents());
			if (!Arrays.equals(current, saved)) {
				payload = current;
			}
		}
		if (payload == saved && !session.identityChanged() && !reissue) {
			return null;
		}
		return write(session, payload, payload != saved, now, expiresAt);
	}

	/**
	 * Decide to write the whole of a session into its cookie, whatever was saved before: for a
	 * session that comes from elsewhere (a store it overflowed to).
	 * @param session the session
	 * @param now the time of the write
	 * @param expiresAt the expiry the session gets
	 * @return the write
	 */
	SessionWrite<byte[]> planWhole(TrackedSession session, Instant now, Instant expiresAt) {
		return write(session, this.serializer.serialize(session.contents()), true, now, expiresAt);
	}

	private SessionWrite<byte[]> write(TrackedSession session, byte[] payload, boolean content, Instant now,
			Instant expiresAt) {
		String value = this.codec.encode(this.cookieName,
				new SessionToken(session.getCreationTime(), now, expiresAt, payload));
		return SessionWrite.set(value, content, () -> payload);
	}

	@Override
	public SessionWrite<byte[]> remove(byte[] saved) {
		// Nothing is kept anywhere but in the cookie.
		return SessionWrite.expire(() -> NOTHING);
	}

}
