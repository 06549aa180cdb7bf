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
	protected DefaultSessionManager manager(SessionCookieSettings settings, Clock clock) {
		return new DefaultSessionManager(new FileSessionStore(this.directory, clock), new SessionIdCodec(KEY_RING),
				new JsonSessionSerializer(), settings);
	}

	@Override
	protected boolean isServerSide() {
		return true;
	}

}
