package dev.keycard.session.store.memory;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemorySessionStore}.
 */
class MemorySessionStoreTests extends AbstractSessionStoreTests {

	private final MemorySessionStore store = new MemorySessionStore(1_000, Clock.systemUTC());

	@Override
	protected SessionStore store() {
		return this.store;
	}

	@Test
	void keepsAtMostMaxSessions() {
		MemorySessionStore small = new MemorySessionStore(10, Clock.systemUTC());
		for (int i = 0; i < 100; i++) {
			small.save(newKey(), create(Map.of("i", String.valueOf(i))));
		}
		small.cleanUp();
		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

}
