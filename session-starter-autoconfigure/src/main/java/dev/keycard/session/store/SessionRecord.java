package dev.keycard.session.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A stored session: its attributes, each a JSON text under its name, and its times.
 *
 * @param attributes the attributes, JSON text by name
 * @param createdAt when the session was created
 * @param expiresAt when the record expires
 */
public record SessionRecord(Map<String, String> attributes, Instant createdAt, Instant expiresAt) {

	public SessionRecord {
		Assert.notNull(attributes, "attributes must not be null");
		Assert.notNull(createdAt, "createdAt must not be null");
		Assert.notNull(expiresAt, "expiresAt must not be null");
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

}
