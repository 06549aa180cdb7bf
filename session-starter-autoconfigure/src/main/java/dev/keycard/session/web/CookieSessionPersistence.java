package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SessionToken;

/**
 * Keeps the whole session in the cookie, as a token from a {@link SessionCodec}.
 */
final class CookieSessionPersistence implements SessionPersistence {

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
	public @Nullable TrackedSession read(String cookieValue, Clock clock) {
		try {
			SessionToken token = this.codec.decode(this.cookieName, cookieValue, clock.instant());
			if (token == null) {
				return null;
			}
			return TrackedSession.restore(this.serializer, clock, token.payload(), token.createdAt(),
					token.expiresAt(), token.issuedUnderPreviousKey());
		}
		catch (RuntimeException ex) {
			// Everything here came from the client: a value a codec or the serializer cannot read
			// is bad input, not an error.
			if (logger.isDebugEnabled()) {
				logger.debug("Session cookie content cannot be read: " + ex.getMessage());
			}
			return null;
		}
	}

	@Override
	public boolean hasChanges(TrackedSession session) {
		return session.stagePayload();
	}

	@Override
	public String save(TrackedSession session, Instant now, Instant expiresAt) {
		return this.codec.encode(this.cookieName,
				new SessionToken(session.getCreationTime(), now, expiresAt, session.stagedPayload()));
	}

	@Override
	public void saved(TrackedSession session, Instant expiresAt) {
		session.markSaved(session.stagedPayload(), expiresAt);
	}

	@Override
	public void remove(TrackedSession session) {
		// Nothing is kept anywhere but in the cookie.
	}

}
