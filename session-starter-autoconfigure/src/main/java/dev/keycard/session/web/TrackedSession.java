package dev.keycard.session.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;
import dev.keycard.session.codec.SessionSerializer;

/**
 * A {@link Session} that knows whether it must be saved. Change detection compares content:
 * any call that could change the values (a write, or handing out a mutable list, map or view)
 * marks the session as touched, and only a touched session is serialized at save time and
 * compared with what was loaded. An untouched session costs nothing.
 */
final class TrackedSession implements Session {

	private static final byte[] EMPTY_OBJECT = { '{', '}' };

	private final SessionSerializer serializer;

	private final Clock clock;

	private final Map<String, @Nullable Object> values;

	private byte[] savedPayload;

	/** Server-side sessions: each attribute's JSON as last loaded or saved; null for cookies. */
	private @Nullable Map<String, String> savedAttributes;

	/** Server-side sessions: the id, or null until the first save. */
	private byte @Nullable [] id;

	/** Server-side sessions: the version of the record as loaded, until this session writes it. */
	private @Nullable String recordVersion;

	private boolean touched;

	/**
	 * Whether a mutable value or view was handed out: it can be changed in place at any time
	 * later, so from then on every save check compares content.
	 */
	private boolean exposed;

	private boolean isNew;

	private boolean invalidated;

	private boolean regenerated;

	private boolean reissueRequired;

	private boolean clientHasSession;

	private boolean cookieSent;

	private boolean saveFailed;

	/** What the save under way computed, so that its steps serialize the session only once. */
	private byte @Nullable [] stagedPayload;

	private @Nullable AttributeChanges stagedAttributes;

	private Instant creationTime;

	private Instant expiryTime;

	private TrackedSession(SessionSerializer serializer, Clock clock, Map<String, @Nullable Object> values,
			byte[] savedPayload, boolean isNew, Instant creationTime, Instant expiryTime) {
		this.serializer = serializer;
		this.clock = clock;
		this.values = values;
		this.savedPayload = savedPayload;
		this.isNew = isNew;
		this.clientHasSession = !isNew;
		this.creationTime = creationTime;
		this.expiryTime = expiryTime;
	}

	static TrackedSession create(SessionSerializer serializer, Clock clock, Instant expiryTime) {
		return new TrackedSession(serializer, clock, new LinkedHashMap<>(), EMPTY_OBJECT, true, clock.instant(),
				expiryTime);
	}

	static TrackedSession restore(SessionSerializer serializer, Clock clock, byte[] payload, Instant creationTime,
			Instant expiryTime, boolean reissueRequired) {
		TrackedSession session = new TrackedSession(serializer, clock, serializer.deserialize(payload), payload, false,
				creationTime, expiryTime);
		session.reissueRequired = reissueRequired;
		return session;
	}

	static TrackedSession restoreAttributes(SessionSerializer serializer, Clock clock, byte[] id,
			Map<String, String> attributes, @Nullable String recordVersion, Instant creationTime, Instant expiryTime,
			boolean reissueRequired) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		attributes.forEach((name, json) -> values.put(name, serializer.deserializeValue(json)));
		TrackedSession session = new TrackedSession(serializer, clock, values, EMPTY_OBJECT, false, creationTime,
				expiryTime);
		session.savedAttributes = new LinkedHashMap<>(attributes);
		session.id = id;
		session.recordVersion = recordVersion;
		session.reissueRequired = reissueRequired;
		return session;
	}

	/**
	 * Return the attributes that differ from what was last loaded or saved, each as JSON, and
	 * the names of those removed; {@code null} if nothing changed.
	 */
	@Nullable AttributeChanges changedAttributes() {
		if (!this.touched && !this.exposed) {
			return null;
		}
		Map<String, String> saved = (this.savedAttributes != null) ? this.savedAttributes : Map.of();
		Map<String, String> current = attributes();
		Map<String, String> updated = new LinkedHashMap<>();
		current.forEach((name, json) -> {
			if (!json.equals(saved.get(name))) {
				updated.put(name, json);
			}
		});
		Set<String> removed = new LinkedHashSet<>(saved.keySet());
		removed.removeAll(this.values.keySet());
		if (updated.isEmpty() && removed.isEmpty()) {
			this.touched = false;
			return null;
		}
		return new AttributeChanges(updated, removed, current);
	}

	/**
	 * Compute the changed payload once for the save under way.
	 * @return whether the content changed
	 */
	boolean stagePayload() {
		this.stagedPayload = changedPayload();
		return this.stagedPayload != null;
	}

	/** Return the payload the save under way writes: the staged change, or what was saved. */
	byte[] stagedPayload() {
		return (this.stagedPayload != null) ? this.stagedPayload : this.savedPayload;
	}

	/**
	 * Compute the changed attributes once for the save under way.
	 * @return whether the content changed
	 */
	boolean stageAttributes() {
		this.stagedAttributes = changedAttributes();
		return this.stagedAttributes != null;
	}

	/** Return the changes the save under way writes, or {@code null} if there are none. */
	@Nullable AttributeChanges stagedAttributes() {
		return this.stagedAttributes;
	}

	/** Return every attribute as JSON, for a new record. */
	Map<String, String> attributes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		this.values.forEach((name, value) -> attributes.put(name, this.serializer.serializeValue(value)));
		return attributes;
	}

	byte @Nullable [] id() {
		return this.id;
	}

	@Nullable String recordVersion() {
		return this.recordVersion;
	}

	void markStored(byte[] id, Map<String, String> attributes, Instant expiryTime) {
		this.id = id;
		// The store has a new version now, which it did not tell.
		this.recordVersion = null;
		this.savedAttributes = new LinkedHashMap<>(attributes);
		this.expiryTime = expiryTime;
		afterWrite(true);
	}

	/**
	 * Return the serialized values if they differ from what was last loaded or saved, or
	 * {@code null} if they are unchanged.
	 */
	byte @Nullable [] changedPayload() {
		if (!this.touched && !this.exposed) {
			return null;
		}
		byte[] payload = this.serializer.serialize(this.values);
		if (Arrays.equals(payload, this.savedPayload)) {
			this.touched = false;
			return null;
		}
		return payload;
	}

	/** Whether an identity change (invalidation or regeneration) is waiting to be written. */
	boolean identityChanged() {
		return this.invalidated || this.regenerated;
	}

	boolean isReissueRequired() {
		return this.reissueRequired;
	}

	boolean hasSaveFailed() {
		return this.saveFailed;
	}

	void markSaveFailed() {
		this.saveFailed = true;
	}

	void requireReissue() {
		this.reissueRequired = true;
	}

	/** Whether the client holds a session cookie that a cleared session must expire. */
	boolean clientHasSession() {
		return this.clientHasSession;
	}

	/**
	 * Record that a cookie is being sent in this response.
	 * @return whether one was sent before, so that it must be replaced
	 */
	boolean markCookieSent() {
		boolean sentBefore = this.cookieSent;
		this.cookieSent = true;
		return sentBefore;
	}

	void markSaved(byte[] payload, Instant expiryTime) {
		this.savedPayload = payload;
		this.expiryTime = expiryTime;
		afterWrite(true);
	}

	void markRemoved() {
		this.savedPayload = EMPTY_OBJECT;
		this.savedAttributes = (this.savedAttributes != null) ? new LinkedHashMap<>() : null;
		this.id = null;
		this.recordVersion = null;
		afterWrite(false);
	}

	private void afterWrite(boolean clientHasSession) {
		this.touched = false;
		this.stagedPayload = null;
		this.stagedAttributes = null;
		this.invalidated = false;
		this.regenerated = false;
		this.reissueRequired = false;
		this.clientHasSession = clientHasSession;
	}

	Map<String, @Nullable Object> contents() {
		return this.values;
	}

	@Override
	public <T> @Nullable T get(String key, Class<T> type) {
		Object value = get(key);
		if (value == null) {
			return null;
		}
		if (type.isInstance(value)) {
			return type.cast(value);
		}
		return this.serializer.convert(value, type);
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@Override
	public void invalidate() {
		this.values.clear();
		this.touched = true;
		this.isNew = true;
		this.invalidated = true;
		this.creationTime = this.clock.instant();
	}

	@Override
	public void regenerate() {
		this.regenerated = true;
	}

	@Override
	public Instant getCreationTime() {
		return this.creationTime;
	}

	@Override
	public Instant getExpiryTime() {
		return this.expiryTime;
	}

	@Override
	public int size() {
		return this.values.size();
	}

	@Override
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public boolean containsKey(Object key) {
		return this.values.containsKey(key);
	}

	@Override
	public boolean containsValue(Object value) {
		return this.values.containsValue(value);
	}

	@Override
	public @Nullable Object get(Object key) {
		return handOut(this.values.get(key));
	}

	@Override
	public @Nullable Object getOrDefault(Object key, @Nullable Object defaultValue) {
		return handOut(this.values.getOrDefault(key, defaultValue));
	}

	@Override
	public @Nullable Object put(String key, @Nullable Object value) {
		this.touched = true;
		return handOut(this.values.put(key, value));
	}

	@Override
	public @Nullable Object remove(Object key) {
		this.touched = true;
		return this.values.remove(key);
	}

	@Override
	public void putAll(Map<? extends String, ? extends @Nullable Object> map) {
		this.touched = true;
		this.values.putAll(map);
	}

	@Override
	public void clear() {
		this.touched = true;
		this.values.clear();
	}

	@Override
	public Set<String> keySet() {
		this.touched = true;
		this.exposed = true;
		return this.values.keySet();
	}

	@Override
	public Collection<@Nullable Object> values() {
		this.touched = true;
		this.exposed = true;
		return this.values.values();
	}

	@Override
	public Set<Entry<String, @Nullable Object>> entrySet() {
		this.touched = true;
		this.exposed = true;
		return this.values.entrySet();
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
		this.touched = true;
		this.exposed = true;
		this.values.forEach(action);
	}

	@Override
	public void replaceAll(BiFunction<? super String, ? super @Nullable Object, ? extends @Nullable Object> function) {
		this.touched = true;
		this.exposed = true;
		this.values.replaceAll(function);
	}

	@Override
	public @Nullable Object putIfAbsent(String key, @Nullable Object value) {
		this.touched = true;
		return handOut(this.values.putIfAbsent(key, value));
	}

	@Override
	public boolean remove(Object key, @Nullable Object value) {
		this.touched = true;
		return this.values.remove(key, value);
	}

	@Override
	public boolean replace(String key, @Nullable Object oldValue, @Nullable Object newValue) {
		this.touched = true;
		return this.values.replace(key, oldValue, newValue);
	}

	@Override
	public @Nullable Object replace(String key, @Nullable Object value) {
		this.touched = true;
		return this.values.replace(key, value);
	}

	@Override
	public @Nullable Object computeIfAbsent(String key, Function<? super String, ? extends @Nullable Object> function) {
		this.touched = true;
		return handOut(this.values.computeIfAbsent(key, function));
	}

	@Override
	public @Nullable Object computeIfPresent(String key,
			BiFunction<? super String, ? super Object, ? extends @Nullable Object> function) {
		this.touched = true;
		return handOut(this.values.computeIfPresent(key, function));
	}

	@Override
	public @Nullable Object compute(String key,
			BiFunction<? super String, ? super @Nullable Object, ? extends @Nullable Object> function) {
		this.touched = true;
		return handOut(this.values.compute(key, function));
	}

	@Override
	public @Nullable Object merge(String key, Object value,
			BiFunction<? super Object, ? super Object, ? extends @Nullable Object> function) {
		this.touched = true;
		return handOut(this.values.merge(key, value, function));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || this.values.equals(other);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

	/**
	 * What changed in a server-side session.
	 *
	 * @param updated the attributes written, JSON by name
	 * @param removed the names of the attributes removed
	 * @param current every attribute, JSON by name, as saved once the changes are applied
	 */
	record AttributeChanges(Map<String, String> updated, Set<String> removed, Map<String, String> current) {
	}

	/** A value that could be changed in place marks the session as exposed. */
	private @Nullable Object handOut(@Nullable Object value) {
		if (!isImmutable(value)) {
			this.touched = true;
			this.exposed = true;
		}
		return value;
	}

	private static boolean isImmutable(@Nullable Object value) {
		return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Double || value instanceof BigInteger
				|| value instanceof BigDecimal || value instanceof Float || value instanceof Short
				|| value instanceof Byte || value instanceof Character;
	}

}
