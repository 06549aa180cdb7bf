package dev.keycard.session.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What one request changed in a session, to be applied to its record atomically. Keycard
 * never puts one name in both {@code updated} and {@code removed}; should a caller do so, the
 * update wins, as in {@link #applyTo(Map)}.
 *
 * @param isNew whether the record is created by these changes
 * @param updated the attributes written, JSON text by name
 * @param removed the names of the attributes removed
 * @param createdAt when the session was created: the same on every save of one session, so a
 * store may keep the value it was created with
 * @param expiresAt the new expiry of the record
 * @param loadedVersion the {@link SessionRecord#version() version} of the record these changes
 * were made to, or {@code null} if the store gave none or the record is new. A store may apply
 * the changes with one compare-and-set while the record is still at this version, and must
 * merge them under a lock or in a transaction otherwise: the version never makes changes
 * fail, it only saves a lock
 * @param principal the name of the principal the session belongs to once the changes are
 * applied (its {@value SessionStore#PRINCIPAL_ATTRIBUTE} attribute), or {@code null} if it
 * belongs to nobody: a store that keeps a principal index files the record under it
 */
public record SessionChanges(boolean isNew, Map<String, String> updated, Set<String> removed, Instant createdAt,
		Instant expiresAt, @Nullable String loadedVersion, @Nullable String principal) {

	public SessionChanges {
		Assert.notNull(updated, "updated must not be null");
		Assert.notNull(removed, "removed must not be null");
		Assert.notNull(createdAt, "createdAt must not be null");
		Assert.notNull(expiresAt, "expiresAt must not be null");
		updated = Collections.unmodifiableMap(new LinkedHashMap<>(updated));
		removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
	}

	/**
	 * Create changes of a session that belongs to no principal.
	 * @param isNew whether the record is created by these changes
	 * @param updated the attributes written, JSON text by name
	 * @param removed the names of the attributes removed
	 * @param createdAt when the session was created
	 * @param expiresAt the new expiry of the record
	 * @param loadedVersion the version of the record these changes were made to, or
	 * {@code null}
	 */
	public SessionChanges(boolean isNew, Map<String, String> updated, Set<String> removed, Instant createdAt,
			Instant expiresAt, @Nullable String loadedVersion) {
		this(isNew, updated, removed, createdAt, expiresAt, loadedVersion, null);
	}

	/**
	 * Create changes without a loaded version.
	 * @param isNew whether the record is created by these changes
	 * @param updated the attributes written, JSON text by name
	 * @param removed the names of the attributes removed
	 * @param createdAt when the session was created
	 * @param expiresAt the new expiry of the record
	 */
	public SessionChanges(boolean isNew, Map<String, String> updated, Set<String> removed, Instant createdAt,
			Instant expiresAt) {
		this(isNew, updated, removed, createdAt, expiresAt, null, null);
	}

	/**
	 * Apply these changes to attributes, as a store that merges in memory does.
	 * @param attributes the attributes to change in place
	 */
	public void applyTo(Map<String, String> attributes) {
		if (this.isNew) {
			attributes.clear();
		}
		attributes.keySet().removeAll(this.removed);
		attributes.putAll(this.updated);
	}

}
