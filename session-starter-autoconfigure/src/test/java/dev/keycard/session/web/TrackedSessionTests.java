package dev.keycard.session.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.memory.MemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackedSession}: a map like any other, that knows when it must be saved.
 */
final class TrackedSessionTests {

	private static final String STORED = "{\"name\":\"alice\",\"count\":3,\"tags\":[\"a\",\"b\"],"
			+ "\"address\":{\"city\":\"Lyon\"},\"none\":null}";

	private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant EXPIRY = Instant.parse("2026-03-01T10:30:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final CountingSerializer serializer = new CountingSerializer();

	private final CookieSessionPersistence persistence = new CookieSessionPersistence(
			new SignedSessionCodec(KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of())), this.serializer,
			"session");

	/** What the session was last loaded or saved as: the cookie persistence's snapshot. */
	private byte[] saved = utf8("{}");

	@ParameterizedTest
	@MethodSource("mapOperations")
	void behavesLikeALinkedHashMapAndSavesExactlyWhatChanged(MapOperation operation) {
		TrackedSession session = restore(STORED);
		Map<String, @Nullable Object> linkedHashMap = new LinkedHashMap<>(storedValues());

		Object expectedResult = operation.apply(linkedHashMap);
		Object result = operation.apply(session);

		byte[] expectedPayload = this.serializer.serialize(linkedHashMap);
		boolean changed = !Arrays.equals(expectedPayload, utf8(STORED));
		assertThat(changedPayload(session)).isEqualTo(changed ? expectedPayload : null);
		assertThat(result).isEqualTo(expectedResult);
		assertThat(session).containsExactlyEntriesOf(linkedHashMap);
	}

	static Stream<Named<MapOperation>> mapOperations() {
		return Stream.of(
				operation("get of a string", (map) -> map.get("name")),
				operation("get of a missing key", (map) -> map.get("missing")),
				operation("get of a key holding null", (map) -> map.get("none")),
				operation("get of a list, changed in place", (map) -> {
					List<Object> tags = list(map.get("tags"));
					tags.add("c");
					return tags;
				}),
				operation("get of a map, changed in place", (map) -> {
					Map<String, Object> address = map(map.get("address"));
					address.put("zip", "69001");
					return address;
				}),
				operation("getOrDefault of a present key", (map) -> map.getOrDefault("name", "nobody")),
				operation("getOrDefault of a missing key", (map) -> map.getOrDefault("missing", "nobody")),
				operation("getOrDefault of a key holding null", (map) -> map.getOrDefault("none", "nobody")),
				operation("containsKey of a present key", (map) -> map.containsKey("name")),
				operation("containsKey of a key holding null", (map) -> map.containsKey("none")),
				operation("containsKey of a missing key", (map) -> map.containsKey("missing")),
				operation("containsValue of a string", (map) -> map.containsValue("alice")),
				operation("containsValue of a list", (map) -> map.containsValue(List.of("a", "b"))),
				operation("containsValue of null", (map) -> map.containsValue(null)),
				operation("containsValue of a missing value", (map) -> map.containsValue("bob")),
				operation("size", Map::size),
				operation("isEmpty", Map::isEmpty),
				operation("put of a new key", (map) -> map.put("new", 1)),
				operation("put over a present key", (map) -> map.put("name", "bob")),
				operation("put of the same value", (map) -> map.put("name", "alice")),
				operation("put of an equal list", (map) -> map.put("tags", List.of("a", "b"))),
				operation("put of null", (map) -> map.put("name", null)),
				operation("remove of a present key", (map) -> map.remove("count")),
				operation("remove of a missing key", (map) -> map.remove("missing")),
				operation("remove of a matching entry", (map) -> map.remove("count", 3)),
				operation("remove of a mismatching entry", (map) -> map.remove("count", 4)),
				operation("putAll", (map) -> {
					map.putAll(Map.of("name", "bob"));
					map.putAll(Map.of("extra", List.of(1)));
					return null;
				}),
				operation("clear", (map) -> {
					map.clear();
					return map.isEmpty();
				}),
				operation("keySet in order", (map) -> new ArrayList<>(map.keySet())),
				operation("keySet remove", (map) -> map.keySet().remove("name")),
				operation("keySet retainAll", (map) -> map.keySet().retainAll(List.of("name", "none"))),
				operation("keySet iterator remove", (map) -> {
					Iterator<String> keys = map.keySet().iterator();
					keys.next();
					keys.remove();
					return keys.next();
				}),
				operation("values in order", (map) -> new ArrayList<>(map.values())),
				operation("values remove", (map) -> map.values().remove("alice")),
				operation("values removeIf", (map) -> map.values().removeIf((value) -> value instanceof List)),
				operation("values, a list changed in place", (map) -> {
					for (Object value : map.values()) {
						if (value instanceof List) {
							list(value).clear();
						}
					}
					return null;
				}),
				operation("entrySet iteration in order", (map) -> {
					List<String> entries = new ArrayList<>();
					for (Map.Entry<String, @Nullable Object> entry : map.entrySet()) {
						entries.add(entry.getKey() + "=" + entry.getValue());
					}
					return entries;
				}),
				operation("entrySet iterator remove", (map) -> {
					Iterator<Map.Entry<String, @Nullable Object>> entries = map.entrySet().iterator();
					while (entries.hasNext()) {
						if (entries.next().getKey().equals("tags")) {
							entries.remove();
						}
					}
					return map.size();
				}),
				operation("entrySet setValue", (map) -> {
					for (Map.Entry<String, @Nullable Object> entry : map.entrySet()) {
						if (entry.getKey().equals("count")) {
							return entry.setValue(4);
						}
					}
					return null;
				}),
				operation("entrySet removeIf", (map) -> map.entrySet().removeIf((entry) -> entry.getValue() == null)),
				operation("putIfAbsent of a present key", (map) -> map.putIfAbsent("name", "bob")),
				operation("putIfAbsent of a present list", (map) -> map.putIfAbsent("tags", List.of())),
				operation("putIfAbsent of a missing key", (map) -> map.putIfAbsent("new", "bob")),
				operation("putIfAbsent of a key holding null", (map) -> map.putIfAbsent("none", "bob")),
				operation("replace of a present key", (map) -> map.replace("name", "bob")),
				operation("replace of a missing key", (map) -> map.replace("missing", "bob")),
				operation("replace of a matching entry", (map) -> map.replace("name", "alice", "bob")),
				operation("replace of a mismatching entry", (map) -> map.replace("name", "carol", "bob")),
				operation("computeIfAbsent of a missing key", (map) -> map.computeIfAbsent("new", (key) -> key + "!")),
				operation("computeIfAbsent of a present key", (map) -> map.computeIfAbsent("name", (key) -> "bob")),
				operation("computeIfAbsent of a present list, changed in place", (map) -> {
					list(map.computeIfAbsent("tags", (key) -> new ArrayList<>())).add("c");
					return null;
				}),
				operation("computeIfPresent of a present key",
						(map) -> map.computeIfPresent("count", (key, value) -> (Integer) value + 1)),
				operation("computeIfPresent to null", (map) -> map.computeIfPresent("count", (key, value) -> null)),
				operation("computeIfPresent of a missing key",
						(map) -> map.computeIfPresent("missing", (key, value) -> 1)),
				operation("compute of a present key", (map) -> map.compute("name", (key, value) -> value + "!")),
				operation("compute of a missing key",
						(map) -> map.compute("new", (key, value) -> String.valueOf(value))),
				operation("compute to null", (map) -> map.compute("name", (key, value) -> null)),
				operation("merge into a present key",
						(map) -> map.merge("count", 10, (old, added) -> (Integer) old + (Integer) added)),
				operation("merge into a missing key", (map) -> map.merge("new", 10, (old, added) -> 0)),
				operation("merge to null", (map) -> map.merge("count", 10, (old, added) -> null)),
				operation("forEach in order", (map) -> {
					List<String> entries = new ArrayList<>();
					map.forEach((key, value) -> entries.add(key + "=" + value));
					return entries;
				}),
				operation("forEach, a map changed in place", (map) -> {
					map.forEach((key, value) -> {
						if (value instanceof Map) {
							map(value).put("zip", "69001");
						}
					});
					return null;
				}),
				operation("replaceAll", (map) -> {
					map.replaceAll((key, value) -> key + ":" + value);
					return null;
				}),
				operation("equals an equal map", (map) -> map.equals(storedValues())),
				operation("equals a different map", (map) -> map.equals(Map.of("name", "alice"))),
				operation("hashCode", Map::hashCode),
				operation("toString", Object::toString));
	}

	@Test
	void equalsAMapOfTheSameEntriesBothWays() {
		TrackedSession session = restore(STORED);
		Map<String, @Nullable Object> same = storedValues();
		Map<String, @Nullable Object> different = storedValues();
		different.put("name", "bob");

		assertThat(session).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(different);
		assertThat(same).isEqualTo(session);
		assertThat(session).isEqualTo(session);
	}

	@Test
	void createsANewEmptySessionWithNothingToSave() {
		TrackedSession session = create();

		assertThat(session.isNew()).isTrue();
		assertThat(session).isEmpty();
		assertThat(session.getCreationTime()).isEqualTo(NOW);
		assertThat(session.getExpiryTime()).isEqualTo(EXPIRY);
		assertThat(changedPayload(session)).isNull();
		assertThat(session.identityChanged()).isFalse();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void restoresASessionWithItsValuesAndTimes() {
		TrackedSession session = restore(STORED);

		assertThat(session.isNew()).isFalse();
		assertThat(session).containsExactlyEntriesOf(storedValues());
		assertThat(session.getCreationTime()).isEqualTo(CREATED);
		assertThat(session.getExpiryTime()).isEqualTo(EXPIRY);
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void hasNothingToSaveWhenUntouched() {
		TrackedSession session = restore(STORED);

		byte[] changed = changedPayload(session);

		assertThat(changed).isNull();
		assertThat(this.serializer.serializations).isZero();
	}

	@Test
	void readingStringsAndNumbersCostsNothingAtSaveTime() {
		TrackedSession session = restore(STORED);

		Object name = session.get("name");
		Object count = session.get("count");
		Object missing = session.getOrDefault("missing", "default");
		boolean hasTags = session.containsKey("tags");

		assertThat(name).isEqualTo("alice");
		assertThat(count).isEqualTo(3);
		assertThat(missing).isEqualTo("default");
		assertThat(hasTags).isTrue();
		assertThat(changedPayload(session)).isNull();
		assertThat(this.serializer.serializations).isZero();
	}

	@Test
	void putOfTheSameValueLeavesNothingToSave() {
		TrackedSession session = restore(STORED);

		session.put("name", "alice");
		session.put("count", 3);
		session.put("tags", List.of("a", "b"));

		assertThat(changedPayload(session)).isNull();
	}

	@Test
	void putOfADifferentValueGivesTheNewPayload() {
		TrackedSession session = restore(STORED);

		session.put("name", "bob");

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8)
			.isEqualTo(STORED.replace("alice", "bob"));
	}

	@Test
	void putOnANewSessionGivesThePayload() {
		TrackedSession session = create();

		session.put("name", "alice");

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8).isEqualTo("{\"name\":\"alice\"}");
	}

	@Test
	void detectsAnInPlaceChangeToANestedListObtainedWithGet() {
		TrackedSession session = restore(STORED);

		list(session.get("tags")).add("c");

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8)
			.isEqualTo(STORED.replace("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]"));
	}

	@Test
	void detectsAnInPlaceChangeToANestedListMadeAfterAnUnchangedCheck() {
		TrackedSession session = restore(STORED);
		List<Object> tags = list(session.get("tags"));
		assertThat(changedPayload(session)).isNull();

		tags.add("c");

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8)
			.isEqualTo(STORED.replace("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]"));
	}

	@Test
	void detectsAnInPlaceChangeToANestedListMadeAfterASave() {
		TrackedSession session = restore(STORED);
		List<Object> tags = list(session.get("tags"));
		session.put("name", "bob");
		byte[] saved = changedPayload(session);
		assertThat(saved).isNotNull();
		markSaved(session, saved);

		tags.add("c");

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8)
			.isEqualTo(STORED.replace("alice", "bob").replace("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\"]"));
	}

	@Test
	void detectsAnInPlaceChangeToANestedListOfAStoredSessionMadeAfterAnUnchangedCheck() {
		StoreSessionPersistence stored = new StoreSessionPersistence(new MemorySessionStore(10, this.clock),
				new SessionIdCodec(KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of())), this.serializer, "session");
		StoreSessionPersistence.StoredSession snapshot = new StoreSessionPersistence.StoredSession(new byte[] { 1 }, null,
				Map.of("tags", "[\"a\",\"b\"]"), null);
		TrackedSession session = new TrackedSession(this.serializer, this.clock, (tracked) -> stored.contentChanged(tracked, snapshot),
				new LinkedHashMap<>(Map.of("tags", new ArrayList<>(List.of("a", "b")))), false, CREATED, EXPIRY);
		List<Object> tags = list(session.get("tags"));
		assertThat(session.isModified()).isFalse();

		tags.add("c");

		assertThat(session.isModified()).isTrue();
	}

	@Test
	void isModifiedByAChangeButNotByARead() {
		TrackedSession session = restore(STORED);
		session.get("tags");
		session.put("name", "alice");
		assertThat(session.isModified()).isFalse();

		session.put("name", "bob");

		assertThat(session.isModified()).isTrue();
	}

	@Test
	void isModifiedByAnIdentityChangeAlone() {
		TrackedSession regenerated = restore(STORED);
		regenerated.regenerate();
		TrackedSession invalidated = restore(STORED);
		invalidated.invalidate();

		assertThat(regenerated.isModified()).isTrue();
		assertThat(invalidated.isModified()).isTrue();
	}

	@Test
	void detectsARemovalThroughTheEntrySetIterator() {
		TrackedSession session = restore(STORED);

		Iterator<Map.Entry<String, @Nullable Object>> entries = session.entrySet().iterator();
		while (entries.hasNext()) {
			if (entries.next().getKey().equals("count")) {
				entries.remove();
			}
		}

		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8)
			.isEqualTo(STORED.replace("\"count\":3,", ""));
	}

	@Test
	void hasNothingToSaveAgainAfterASave() {
		TrackedSession session = restore(STORED);
		session.put("name", "bob");
		byte[] saved = changedPayload(session);
		assertThat(saved).isNotNull();

		markSaved(session, saved);

		assertThat(changedPayload(session)).isNull();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void getWithATypeConvertsAStoredMapToARecord() {
		TrackedSession session = restore(STORED);

		Address address = session.get("address", Address.class);

		assertThat(address).isEqualTo(new Address("Lyon"));
	}

	@Test
	void getWithATypeReturnsAValueOfThatTypeItself() {
		TrackedSession session = create();
		Address address = new Address("Paris");
		session.put("address", address);

		Address read = session.get("address", Address.class);

		assertThat(read).isSameAs(address);
	}

	@Test
	void getWithATypeOfAMissingKeyReturnsNull() {
		TrackedSession session = restore(STORED);

		assertThat(session.get("missing", Address.class)).isNull();
		assertThat(session.get("none", Address.class)).isNull();
	}

	@Test
	void invalidateEmptiesTheSessionAndStartsANewOne() {
		TrackedSession session = restore(STORED);

		session.invalidate();

		assertThat(session).isEmpty();
		assertThat(session.isNew()).isTrue();
		assertThat(session.identityChanged()).isTrue();
		assertThat(session.getCreationTime()).isEqualTo(NOW);
		assertThat(changedPayload(session)).asString(StandardCharsets.UTF_8).isEqualTo("{}");
	}

	@Test
	void regenerateKeepsTheValuesUnderANewIdentity() {
		TrackedSession session = restore(STORED);

		session.regenerate();

		assertThat(session).containsExactlyEntriesOf(storedValues());
		assertThat(session.isNew()).isFalse();
		assertThat(session.identityChanged()).isTrue();
		assertThat(session.getCreationTime()).isEqualTo(CREATED);
		assertThat(changedPayload(session)).isNull();
	}

	private TrackedSession restore(String json) {
		this.saved = utf8(json);
		return new TrackedSession(this.serializer, this.clock, this::contentChanged,
				this.serializer.deserialize(this.saved), false, CREATED, EXPIRY);
	}

	private TrackedSession create() {
		this.saved = utf8("{}");
		return new TrackedSession(this.serializer, this.clock, this::contentChanged, new LinkedHashMap<>(), true, NOW,
				EXPIRY);
	}

	private boolean contentChanged(TrackedSession session) {
		return this.persistence.contentChanged(session, this.saved);
	}

	/** The payload the cookie persistence would write for a change of content, or null if none. */
	private byte @Nullable [] changedPayload(TrackedSession session) {
		SessionWrite<byte[]> write = this.persistence.plan(session, this.saved, false, NOW, EXPIRY);
		if (write == null) {
			session.markUnchanged();
			return null;
		}
		byte[] written = write.store().get();
		return (written == this.saved) ? null : written;
	}

	private void markSaved(TrackedSession session, byte[] payload) {
		this.saved = payload;
		session.markWritten(EXPIRY);
	}

	private static Map<String, @Nullable Object> storedValues() {
		return new JsonSessionSerializer().deserialize(utf8(STORED));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Named<MapOperation> operation(String description, MapOperation operation) {
		return Named.of(description, operation);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(@Nullable Object value) {
		return (List<Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (Map<String, Object>) value;
	}

	/** One call on a map, returning what the call returned. */
	@FunctionalInterface
	interface MapOperation {

		@Nullable Object apply(Map<String, @Nullable Object> map);

	}

	record Address(String city) {
	}

	/** Keycard's serializer, counting serializations to prove that untouched sessions cost nothing. */
	static final class CountingSerializer implements SessionSerializer {

		private final JsonSessionSerializer delegate = new JsonSessionSerializer();

		int serializations;

		@Override
		public byte[] serialize(Map<String, @Nullable Object> values) {
			this.serializations++;
			return this.delegate.serialize(values);
		}

		@Override
		public Map<String, @Nullable Object> deserialize(byte[] bytes) {
			return this.delegate.deserialize(bytes);
		}

		@Override
		public String serializeValue(@Nullable Object value) {
			this.serializations++;
			return this.delegate.serializeValue(value);
		}

		@Override
		public @Nullable Object deserializeValue(String text) {
			return this.delegate.deserializeValue(text);
		}

		@Override
		public <T> T convert(Object value, Class<T> type) {
			return this.delegate.convert(value, type);
		}

	}

}
