package dev.keycard.session.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A stored session: its attributes, each a JSON text under its name, and its times.
 *
 * @param attributes the attributes, JSON text by name
 * @param createdAt when the session was created
 * @param expiresAt when the record expires
 * @param version what the store tells this state of the record by, or {@code null}: Keycard
 * hands it back with the next changes to the record as {@link SessionChanges#loadedVersion()},
 * so that a store may apply them with one compare-and-set instead of a lock when nothing
 * changed the record meanwhile. Opaque to Keycard; a store that needs none returns
 * {@code null}.
 */
public record SessionRecord(Map<String, String> attributes, Instant createdAt, Instant expiresAt,
		@Nullable String version) {

	public SessionRecord {
		Assert.notNull(attributes, "attributes must not be null");
		Assert.notNull(createdAt, "createdAt must not be null");
		Assert.notNull(expiresAt, "expiresAt must not be null");
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	/**
	 * Create a record without a version.
	 * @param attributes the attributes, JSON text by name
	 * @param createdAt when the session was created
	 * @param expiresAt when the record expires
	 */
	public SessionRecord(Map<String, String> attributes, Instant createdAt, Instant expiresAt) {
		this(attributes, createdAt, expiresAt, null);
	}

}
