package dev.keycard.session.web;

import java.time.Clock;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.EncryptedSessionCodec;

/**
 * Session semantics with the session in an encrypted cookie.
 */
class EncryptedCookieSemanticsTests extends AbstractSessionSemanticsTests {

	@Override
	protected DefaultSessionManager manager(SessionCookieSettings settings, Clock clock) {
		return new DefaultSessionManager(new EncryptedSessionCodec(KEY_RING), new JsonSessionSerializer(), settings);
	}

	@Override
	protected boolean isServerSide() {
		return false;
	}

}
