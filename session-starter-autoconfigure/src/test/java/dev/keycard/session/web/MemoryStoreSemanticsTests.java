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
	protected DefaultSessionManager manager(SessionLifetime lifetime, Clock clock) {
		return DefaultSessionManager.inStore(new MemorySessionStore(1_000, clock), new SessionIdCodec(KEY_RING), new JsonSessionSerializer(),
				SessionCookie.named("session"), lifetime, clock);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
