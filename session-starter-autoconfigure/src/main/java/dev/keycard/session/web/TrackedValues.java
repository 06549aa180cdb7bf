package dev.keycard.session.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A map of session values that knows whether it may have changed: any call that could change
 * the values (a write, or handing out a mutable list, map or view) marks it as touched. Only a
 * touched map needs comparing with what was last saved; an untouched one costs nothing.
 */
abstract class TrackedValues implements Map<String, @Nullable Object> {

	private final Map<String, @Nullable Object> values;

	private boolean touched;

	/**
	 * Whether a mutable value or view was handed out: it can be changed in place at any time
	 * later, so from then on every save compares content.
	 */
	private boolean exposed;

	TrackedValues(Map<String, @Nullable Object> values) {
		this.values = values;
	}

	/** Whether the values may differ from what was last saved. */
	final boolean mayHaveChanged() {
		return this.touched || this.exposed;
	}

	/** The values themselves, for the persistence to compare and save; reading them marks nothing. */
	final Map<String, @Nullable Object> contents() {
		return this.values;
	}

	/** Record that the values are as they were last saved; handed-out values may still change. */
	final void markUnchanged() {
		this.touched = false;
	}

	/** Record a change made other than through the map's own methods. */
	final void markTouched() {
		this.touched = true;
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
