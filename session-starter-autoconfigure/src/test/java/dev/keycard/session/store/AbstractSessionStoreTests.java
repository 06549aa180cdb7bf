package dev.keycard.session.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.keycard.session.codec.SessionIdCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link SessionStore}, which every store passes. A subclass provides the store
 * and the time the store believes it is.
 */
public abstract class AbstractSessionStoreTests {

	/** Keys differ per test, so stores shared between tests do not see each other's records. */
	protected static String newKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
	}

	protected abstract SessionStore store();

	/** The current time of the store; records expire relative to it. */
	protected Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	protected SessionChanges create(Map<String, String> attributes) {
		return new SessionChanges(true, attributes, Set.of(), now(), now().plus(Duration.ofHours(1)));
	}

	protected SessionChanges update(Map<String, String> updated, Set<String> removed) {
		return new SessionChanges(false, updated, removed, now(), now().plus(Duration.ofHours(1)));
	}

	@Test
	void missingRecordLoadsAsNull() {
		assertThat(store().load(newKey())).isNull();
	}

	@Test
	void newRecordLoadsWithItsAttributesAndTimes() {
		String key = newKey();
		Instant createdAt = now().minus(Duration.ofMinutes(5));
		Instant expiresAt = now().plus(Duration.ofMinutes(30));
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("user", "\"gordon\"");
		attributes.put("count", "3");
		attributes.put("notes", "[\"a\",{\"b\":null}]");
		attributes.put("nothing", "null");
		attributes.put("quote \" and ü", "\"ünïcödé ✓\"");
		assertThat(store().save(key, new SessionChanges(true, attributes, Set.of(), createdAt, expiresAt))).isTrue();
		SessionRecord record = store().load(key);
		assertThat(record).isNotNull();
		assertThat(record.attributes()).isEqualTo(attributes);
		assertThat(record.createdAt()).isEqualTo(createdAt);
		assertThat(record.expiresAt()).isEqualTo(expiresAt);
	}

	@Test
	void thousandsOfAttributesAreCreatedUpdatedAndRemovedTogether() {
		String key = newKey();
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < 2_500; i++) {
			attributes.put("a" + i, Integer.toString(i));
		}
		assertThat(store().save(key, create(attributes))).isTrue();
		Map<String, String> updated = new LinkedHashMap<>();
		for (int i = 1_000; i < 3_500; i++) {
			updated.put("a" + i, "-" + i);
		}
		Set<String> removed = new LinkedHashSet<>();
		for (int i = 0; i < 1_200; i++) {
			removed.add("a" + i);
		}
		assertThat(store().save(key, update(updated, removed))).isTrue();
		// Names both updated and removed end up written; those neither are kept.
		Map<String, String> expected = new LinkedHashMap<>(updated);
		assertThat(store().load(key).attributes()).hasSize(2_500).isEqualTo(expected);
		assertThat(store().save(key, update(Map.of(), Set.copyOf(updated.keySet())))).isTrue();
		assertThat(store().load(key).attributes()).isEmpty();
	}

	@Test
	void updateWritesChangedAttributesRemovesRemovedOnesAndKeepsTheRest() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1", "b", "2", "c", "3")));
		assertThat(store().save(key, update(Map.of("b", "20", "d", "4"), Set.of("c")))).isTrue();
		assertThat(store().load(key).attributes()).isEqualTo(Map.of("a", "1", "b", "20", "d", "4"));
	}

	@Test
	void updateMovesTheExpiry() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1")));
		Instant later = now().plus(Duration.ofHours(5));
		store().save(key, new SessionChanges(false, Map.of(), Set.of(), now(), later));
		assertThat(store().load(key).expiresAt()).isEqualTo(later);
	}

	@Test
	void updateOfAMissingRecordIsDroppedAndCreatesNothing() {
		String key = newKey();
		assertThat(store().save(key, update(Map.of("a", "1"), Set.of()))).isFalse();
		assertThat(store().load(key)).isNull();
	}

	@Test
	void newRecordReplacesAnyPreviousOne() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1", "b", "2")));
		store().save(key, create(Map.of("c", "3")));
		assertThat(store().load(key).attributes()).isEqualTo(Map.of("c", "3"));
	}

	@Test
	void deleteRemovesTheRecordAndLaterUpdatesDoNotReviveIt() {
		String key = newKey();
		store().save(key, create(Map.of("user", "\"bruce\"")));
		store().delete(key);
		assertThat(store().load(key)).isNull();
		assertThat(store().save(key, update(Map.of("theme", "\"dark\""), Set.of()))).isFalse();
		assertThat(store().load(key)).isNull();
	}

	@Test
	void deletingAMissingRecordIsNotAnError() {
		store().delete(newKey());
		assertThat(store().load(newKey())).isNull();
	}

	@Test
	void expiredRecordLoadsAsNull() {
		String key = newKey();
		store().save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), now().minus(Duration.ofHours(2)),
				now().minus(Duration.ofSeconds(1))));
		assertThat(store().load(key)).isNull();
	}

	@Test
	void updateOfAnExpiredRecordIsDroppedAndDoesNotReviveIt() {
		String key = newKey();
		store().save(key, new SessionChanges(true, Map.of("a", "1"), Set.of(), now().minus(Duration.ofHours(2)),
				now().minus(Duration.ofSeconds(1))));
		assertThat(store().save(key, update(Map.of("b", "2"), Set.of()))).isFalse();
		assertThat(store().load(key)).isNull();
	}

	@Test
	void updateWithChangedAttributesAlsoMovesTheExpiry() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1")));
		Instant later = now().plus(Duration.ofHours(3));
		store().save(key, new SessionChanges(false, Map.of("a", "2"), Set.of(), now(), later));
		SessionRecord record = store().load(key);
		assertThat(record.attributes()).containsEntry("a", "2");
		assertThat(record.expiresAt()).isEqualTo(later);
	}

	@Test
	void recordsAreIndependent() {
		String first = newKey();
		String second = newKey();
		store().save(first, create(Map.of("who", "\"first\"")));
		store().save(second, create(Map.of("who", "\"second\"")));
		store().delete(first);
		assertThat(store().load(first)).isNull();
		assertThat(store().load(second).attributes()).containsEntry("who", "\"second\"");
	}

	@Test
	void changesMadeToAnOutdatedVersionAreMergedWithWhatChangedSince() {
		String key = newKey();
		store().save(key, create(Map.of("a", "1", "b", "2")));
		SessionRecord first = store().load(key);
		SessionRecord second = store().load(key);
		assertThat(store().save(key, updateOf(second, Map.of("b", "20"), Set.of()))).isTrue();
		assertThat(store().save(key, updateOf(first, Map.of("c", "3"), Set.of("a")))).isTrue();
		assertThat(store().load(key).attributes()).isEqualTo(Map.of("b", "20", "c", "3"));
	}

	@Test
	void changesMadeToAVersionOfARecordDeletedSinceAreDropped() {
		String key = newKey();
		store().save(key, create(Map.of("user", "\"bruce\"")));
		SessionRecord loaded = store().load(key);
		store().delete(key);
		assertThat(store().save(key, updateOf(loaded, Map.of("theme", "\"dark\""), Set.of()))).isFalse();
		assertThat(store().load(key)).isNull();
	}

	protected SessionChanges updateOf(SessionRecord loaded, Map<String, String> updated, Set<String> removed) {
		return new SessionChanges(false, updated, removed, loaded.createdAt(), now().plus(Duration.ofHours(1)),
				loaded.version());
	}

	@Test
	void concurrentUpdatesOfDifferentAttributesAllSurvive() throws Exception {
		assertConcurrentWritersAllSurvive((key, attribute, value) -> store().save(key,
				update(Map.of(attribute, value), Set.of())));
	}

	@Test
	void concurrentRequestsThatLoadThenChangeDifferentAttributesAllSurvive() throws Exception {
		// As a request does: load, then save what it changed with the version it loaded.
		assertConcurrentWritersAllSurvive((key, attribute, value) -> store().save(key,
				updateOf(store().load(key), Map.of(attribute, value), Set.of())));
	}

	/** Eight writers, each changing an attribute of its own of one record 25 times, all at once. */
	private void assertConcurrentWritersAllSurvive(Writer write) throws Exception {
		String key = newKey();
		store().save(key, create(Map.of("start", "0")));
		int writers = 8;
		int updatesPerWriter = 25;
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				String attribute = "writer" + writer;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 1; i <= updatesPerWriter; i++) {
						assertThat(write.save(key, attribute, String.valueOf(i))).isTrue();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, String> attributes = store().load(key).attributes();
		assertThat(attributes).containsEntry("start", "0").hasSize(writers + 1);
		for (int writer = 0; writer < writers; writer++) {
			assertThat(attributes).containsEntry("writer" + writer, String.valueOf(updatesPerWriter));
		}
	}

	/** A new session of a signed-in principal, as Keycard saves one. */
	protected SessionChanges signedIn(String principal, Instant expiresAt) {
		return new SessionChanges(true, Map.of(SessionStore.PRINCIPAL_ATTRIBUTE, json(principal), "n", "1"), Set.of(),
				now(), expiresAt, null, principal);
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private void assumeIndexed() {
		Assumptions.assumeTrue(store().isIndexedByPrincipal(),
				"this store keeps no principal index, which the contract leaves optional");
	}

	@Test
	void sessionsAreFoundByTheirPrincipalOnly() {
		assumeIndexed();
		String principal = "gordon-" + UUID.randomUUID();
		String first = newKey();
		String second = newKey();
		String someoneElse = newKey();
		String anonymous = newKey();
		Instant laterExpiry = now().plus(Duration.ofHours(2));
		store().save(first, signedIn(principal, now().plus(Duration.ofHours(1))));
		store().save(second, signedIn(principal, laterExpiry));
		store().save(someoneElse, signedIn(principal + "-other", now().plus(Duration.ofHours(1))));
		store().save(anonymous, create(Map.of("n", "1")));

		Map<String, SessionRecord> found = store().findByPrincipal(principal);

		assertThat(found).containsOnlyKeys(first, second);
		assertThat(found.get(first).attributes()).containsEntry("n", "1");
		assertThat(found.get(second).expiresAt()).isEqualTo(laterExpiry);
		assertThat(store().findByPrincipal("nobody-" + UUID.randomUUID())).isEmpty();
	}

	@Test
	void deletedAndExpiredSessionsAreNeverFound() {
		assumeIndexed();
		String principal = "selina-" + UUID.randomUUID();
		String live = newKey();
		String deleted = newKey();
		String expired = newKey();
		store().save(live, signedIn(principal, now().plus(Duration.ofHours(1))));
		store().save(deleted, signedIn(principal, now().plus(Duration.ofHours(1))));
		store().save(expired, signedIn(principal, now().minus(Duration.ofSeconds(1))));
		store().delete(deleted);

		assertThat(store().findByPrincipal(principal)).containsOnlyKeys(live);
		store().delete(live);
		assertThat(store().findByPrincipal(principal)).isEmpty();
	}

	@Test
	void aSessionStaysFiledAcrossUpdatesAndMovesWithItsPrincipal() {
		assumeIndexed();
		String principal = "harvey-" + UUID.randomUUID();
		String other = principal + "-two-face";
		String key = newKey();
		store().save(key, signedIn(principal, now().plus(Duration.ofHours(1))));
		Instant movedExpiry = now().plus(Duration.ofHours(3));
		store().save(key, new SessionChanges(false, Map.of("n", "2"), Set.of(), now(), movedExpiry, null, principal));
		assertThat(store().findByPrincipal(principal)).containsOnlyKeys(key);
		assertThat(store().findByPrincipal(principal).get(key).expiresAt()).isEqualTo(movedExpiry);

		store().save(key, new SessionChanges(false, Map.of(SessionStore.PRINCIPAL_ATTRIBUTE, json(other)), Set.of(),
				now(), now().plus(Duration.ofHours(1)), null, other));
		assertThat(store().findByPrincipal(principal)).isEmpty();
		assertThat(store().findByPrincipal(other)).containsOnlyKeys(key);

		store().save(key, new SessionChanges(false, Map.of(), Set.of(SessionStore.PRINCIPAL_ATTRIBUTE), now(),
				now().plus(Duration.ofHours(1)), null, null));
		assertThat(store().findByPrincipal(other)).isEmpty();
		assertThat(store().load(key).attributes()).containsEntry("n", "2");
	}

	@Test
	void aNewSessionUnderAnOldKeyLeavesItsPrincipal() {
		assumeIndexed();
		String principal = "oswald-" + UUID.randomUUID();
		String key = newKey();
		store().save(key, signedIn(principal, now().plus(Duration.ofHours(1))));
		store().save(key, create(Map.of("n", "1")));
		assertThat(store().findByPrincipal(principal)).isEmpty();
	}

	@Test
	void principalsOfAnyNameAreKeptApart() {
		assumeIndexed();
		String suffix = UUID.randomUUID().toString();
		List<String> principals = List.of("Edward Nygma " + suffix, "edward nygma " + suffix, "ëdward/../nygma " + suffix,
				"{riddler}:" + suffix, "\"quoted\" \\ " + suffix, "x".repeat(500) + suffix);
		Map<String, String> keys = new LinkedHashMap<>();
		for (String principal : principals) {
			String key = newKey();
			keys.put(principal, key);
			store().save(key, signedIn(principal, now().plus(Duration.ofHours(1))));
		}
		for (String principal : principals) {
			assertThat(store().findByPrincipal(principal)).as(principal).containsOnlyKeys(keys.get(principal));
		}
	}

	@FunctionalInterface
	private interface Writer {

		boolean save(String key, String attribute, String value);

	}

}
