package dev.keycard.session.web;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.file.FileSessionStore;

/**
 * Session semantics with sessions in the file store.
 */
class FileStoreSemanticsTests extends AbstractSessionSemanticsTests {

	@TempDir
	Path directory;

	@Override
	protected DefaultSessionManager manager(SessionLifetime lifetime, Clock clock) {
		return DefaultSessionManager.inStore(new FileSessionStore(this.directory, clock), new SessionIdCodec(KEY_RING), new JsonSessionSerializer(),
				SessionCookie.named("session"), lifetime, clock);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
