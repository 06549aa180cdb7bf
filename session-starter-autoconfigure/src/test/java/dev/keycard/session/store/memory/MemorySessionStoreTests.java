package dev.keycard.session.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.testsupport.MutableClock;

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
	void theIndexForgetsAPrincipalOnceItsSessionsExpiredOrWereDeleted() {
		MutableClock clock = new MutableClock(Instant.now());
		MemorySessionStore store = new MemorySessionStore(1_000, clock);
		String expiring = newKey();
		String deleted = newKey();
		store.save(expiring, new SessionChanges(true, Map.of(SessionStore.PRINCIPAL_ATTRIBUTE, "\"ivy\""), Set.of(),
				clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), null, "ivy"));
		store.save(deleted, new SessionChanges(true, Map.of(SessionStore.PRINCIPAL_ATTRIBUTE, "\"harley\""), Set.of(),
				clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, "harley"));
		assertThat(store.indexedPrincipals()).isEqualTo(2);

		store.delete(deleted);
		clock.advance(Duration.ofMinutes(10));
		store.cleanUp();

		assertThat(store.indexedPrincipals()).isZero();
		assertThat(store.findByPrincipal("ivy")).isEmpty();
	}

	@Test
	void expiredSessionsAreEvictedNotOnlyHidden() {
		MutableClock clock = new MutableClock(Instant.now());
		MemorySessionStore store = new MemorySessionStore(1_000, clock);
		String shortLived = newKey();
		String longLived = newKey();
		Instant now = clock.instant();
		store.save(shortLived, new SessionChanges(true, Map.of("a", "1"), Set.of(), now, now.plus(Duration.ofMinutes(5))));
		store.save(longLived, new SessionChanges(true, Map.of("a", "1"), Set.of(), now, now.plus(Duration.ofHours(5))));
		clock.advance(Duration.ofMinutes(10));
		store.cleanUp();
		assertThat(store.size()).isOne();
		assertThat(store.load(shortLived)).isNull();
		assertThat(store.load(longLived)).isNotNull();
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

	@Test
	void changesApplyAsToAMapInOrder() {
		String key = newKey();
		Instant now = Instant.now();
		Instant later = now.plus(Duration.ofHours(1));
		Map<String, String> first = new LinkedHashMap<>();
		first.put("a", "1");
		first.put("b", "\"two\"");
		first.put("c", "[3]");
		first.put("d", "{\"é\":4}");
		this.store.save(key, new SessionChanges(true, first, Set.of(), now, later));
		Map<String, String> updated = new LinkedHashMap<>();
		updated.put("e", "5");
		updated.put("b", "\"deux\"");
		updated.put("c", "[33]");
		Map<String, String> expected = new LinkedHashMap<>(this.store.load(key).attributes());
		SessionChanges changes = new SessionChanges(false, updated, Set.of("a", "c"), now, later);
		changes.applyTo(expected);

		this.store.save(key, changes);

		// Changed in place, removed, and new or removed and written again last: as applyTo does.
		assertThat(this.store.load(key).attributes()).containsExactlyEntriesOf(expected);
		assertThat(expected.keySet()).containsExactly("b", "d", "e", "c");
	}

}
