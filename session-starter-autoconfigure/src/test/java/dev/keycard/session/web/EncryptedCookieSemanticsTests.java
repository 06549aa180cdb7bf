package dev.keycard.session.web;

import java.time.Clock;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.EncryptedSessionCodec;

/**
 * Session semantics with the session in an encrypted cookie.
 */
class EncryptedCookieSemanticsTests extends AbstractSessionSemanticsTests {

	@Override
	protected DefaultSessionManager manager(SessionLifetime lifetime, Clock clock) {
		return DefaultSessionManager.inCookies(new EncryptedSessionCodec(KEY_RING), new JsonSessionSerializer(),
				SessionCookie.named("session"), lifetime, clock);
	}

	@Override
	protected boolean isServerSide() {
		return false;
	}

}
