package dev.keycard.session.test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * Keycard's store contract, from the published test support, run against a store written
 * outside Keycard, as the README shows for a store of one's own.
 */
class MapSessionStoreContractTests extends AbstractSessionStoreTests {

	private final MapSessionStore store = new MapSessionStore();

	@Override
	protected SessionStore store() {
		return this.store;
	}

	/** The smallest correct store: one map, one lock, and the principal of each record. */
	static final class MapSessionStore implements SessionStore {

		private final Map<String, SessionRecord> records = new HashMap<>();

		private final Map<String, String> principals = new HashMap<>();

		@Override
		public synchronized @Nullable SessionRecord load(String key) {
			SessionRecord record = this.records.get(key);
			if (record == null || !record.expiresAt().isAfter(Instant.now())) {
				return null;
			}
			return new SessionRecord(new LinkedHashMap<>(record.attributes()), record.createdAt(), record.expiresAt());
		}

		@Override
		public synchronized boolean save(String key, SessionChanges changes) {
			SessionRecord existing = changes.isNew() ? null : load(key);
			if (!changes.isNew() && existing == null) {
				return false;
			}
			Map<String, String> attributes = (existing != null) ? new LinkedHashMap<>(existing.attributes())
					: new LinkedHashMap<>();
			changes.applyTo(attributes);
			this.records.put(key, new SessionRecord(attributes, changes.createdAt(), changes.expiresAt()));
			if (changes.principal() != null) {
				this.principals.put(key, changes.principal());
			}
			else {
				this.principals.remove(key);
			}
			return true;
		}

		@Override
		public synchronized void delete(String key) {
			this.records.remove(key);
			this.principals.remove(key);
		}

		@Override
		public boolean isIndexedByPrincipal() {
			return true;
		}

		@Override
		public synchronized Map<String, SessionRecord> findByPrincipal(String principal) {
			Map<String, SessionRecord> found = new LinkedHashMap<>();
			this.principals.forEach((key, owner) -> {
				SessionRecord record = owner.equals(principal) ? load(key) : null;
				if (record != null) {
					found.put(key, record);
				}
			});
			return found;
		}

		@Override
		public String getName() {
			return "map";
		}

	}

}
