package dev.keycard.session.web;

import java.time.Clock;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.memory.MemorySessionStore;

/**
 * Session semantics with sessions in the memory store.
 */
class MemoryStoreSemanticsTests extends AbstractSessionSemanticsTests {

	@Override
	protected DefaultSessionManager manager(SessionCookieSettings settings, Clock clock) {
		return new DefaultSessionManager(new MemorySessionStore(1_000, clock), new SessionIdCodec(KEY_RING),
				new JsonSessionSerializer(), settings);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
