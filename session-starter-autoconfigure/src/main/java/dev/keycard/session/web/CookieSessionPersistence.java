package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SessionToken;

/**
 * Keeps the whole session in the cookie, as a token from a {@link SessionCodec}.
 */
final class CookieSessionPersistence implements SessionPersistence {

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
		Instant now = clock.instant();
		SessionToken token = this.codec.decode(this.cookieName, cookieValue, now);
		if (token == null) {
			return null;
		}
		return TrackedSession.restore(this.serializer, clock, token.payload(), token.createdAt(),
				token.expiresAt(), token.issuedUnderPreviousKey());
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
