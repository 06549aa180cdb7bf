package dev.keycard.session.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * Keeps sessions in a {@link SessionStore}; the cookie carries only a signed random id, and the
 * store only its hash. A forged id is refused before any store round trip. Its snapshot is the
 * record as this request last saw it: the id, each attribute's JSON, and the store's version.
 */
final class StoreSessionPersistence implements SessionPersistence<StoreSessionPersistence.StoredSession> {

	private static final StoredSession NOTHING = new StoredSession(null, null, Map.of(), null);

	private static final Log logger = LogFactory.getLog(StoreSessionPersistence.class);

	private final SessionStore store;

	private final SessionIdCodec idCodec;

	private final SessionSerializer serializer;

	private final String cookieName;

	StoreSessionPersistence(SessionStore store, SessionIdCodec idCodec, SessionSerializer serializer,
			String cookieName) {
		this.store = store;
		this.idCodec = idCodec;
		this.serializer = serializer;
		this.cookieName = cookieName;
	}

	@Override
	public StoredSession nothingSaved() {
		return NOTHING;
	}

	@Override
	public @Nullable Loaded<StoredSession> read(String cookieValue, Instant now, SessionActivity activity) {
		SessionIdCodec.VerifiedId verified = this.idCodec.decode(this.cookieName, cookieValue, activity);
		if (verified == null) {
			return null;
		}
		try {
			// The store never returns an expired record: its contract, which the contract test checks.
			// The key is hashed once per request: the save and the store's index reuse it.
			String key = SessionIdCodec.storeKey(verified.id());
			SessionRecord record = this.store.load(key);
			if (record == null) {
				activity.cookieRefused(CookieRefusal.UNKNOWN_SESSION);
				return null;
			}
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			record.attributes().forEach((name, json) -> values.put(name, this.serializer.deserializeValue(json)));
			return new Loaded<>(values, record.createdAt(), record.expiresAt(), verified.issuedUnderPreviousKey(),
					new StoredSession(verified.id(), key, record.attributes(), record.version()));
		}
		catch (IllegalArgumentException ex) {
			// A record whose content cannot be read: the client starts again under a new id, and the
			// record is left as it is. Any other failure of the store fails the request.
			logger.warn("A stored session cannot be read, the client gets a new session: " + ex.getMessage());
			activity.cookieRefused(CookieRefusal.UNREADABLE);
			return null;
		}
	}

	@Override
	public long storedSize(StoredSession saved) {
		return SessionSizeLimit.storedLength(saved.attributes());
	}

	@Override
	public boolean contentChanged(TrackedSession session, StoredSession saved) {
		return AttributeChanges.between(saved.attributes(), attributes(session)) != null;
	}

	@Override
	public @Nullable SessionWrite<StoredSession> plan(TrackedSession session, StoredSession saved, boolean reissue,
			Instant now, Instant expiresAt) {
		AttributeChanges changes = session.mayHaveChanged()
				? AttributeChanges.between(saved.attributes(), attributes(session)) : null;
		byte[] id = saved.id();
		if (id == null || session.identityChanged()) {
			Map<String, String> attributes = (changes != null) ? changes.current() : attributes(session);
			SessionSizeLimit.checkStored(attributes);
			byte[] newId = this.idCodec.newId();
			SessionChanges created = new SessionChanges(true, attributes, Set.of(), session.getCreationTime(),
					expiresAt, null, principalOf(session));
			return SessionWrite.set(this.idCodec.encode(this.cookieName, newId), true, () -> {
				String newKey = SessionIdCodec.storeKey(newId);
				this.store.save(newKey, created);
				if (id != null) {
					this.store.delete(keyOf(saved, id));
				}
				return new StoredSession(newId, newKey, attributes, null);
			});
		}
		if (changes == null && !reissue) {
			return null;
		}
		if (changes != null) {
			SessionSizeLimit.checkStored(changes.current());
		}
		Map<String, String> current = (changes != null) ? changes.current() : saved.attributes();
		SessionChanges updated = new SessionChanges(false, (changes != null) ? changes.updated() : Map.of(),
				(changes != null) ? changes.removed() : Set.of(), session.getCreationTime(), expiresAt,
				saved.version(), principalOf(session));
		String key = keyOf(saved, id);
		SessionWrite.CookieChange cookie = reissue ? SessionWrite.CookieChange.SET : SessionWrite.CookieChange.KEEP;
		String cookieValue = reissue ? this.idCodec.encode(this.cookieName, id) : null;
		return new SessionWrite<>(cookie, cookieValue, changes != null, () -> {
			if (!this.store.save(key, updated)) {
				// Another request invalidated this session meanwhile: its changes must not revive it.
				logger.debug("Session changes dropped: the session was deleted by another request");
				return null;
			}
			// The store has a new version now, which it did not tell.
			return new StoredSession(id, key, current, null);
		});
	}

	/**
	 * The principal the session belongs to, read from its values (handing none out): nothing
	 * to parse again.
	 */
	private static @Nullable String principalOf(TrackedSession session) {
		return (session.contents().get(SessionStore.PRINCIPAL_ATTRIBUTE) instanceof String principal) ? principal : null;
	}

	@Override
	public SessionStore store() {
		return this.store;
	}

	@Override
	public @Nullable String storeKey(StoredSession saved) {
		byte[] id = saved.id();
		return (id != null) ? keyOf(saved, id) : null;
	}

	@Override
	public SessionWrite<StoredSession> remove(StoredSession saved) {
		byte[] id = saved.id();
		return SessionWrite.expire(() -> {
			if (id != null) {
				this.store.delete(keyOf(saved, id));
			}
			return NOTHING;
		});
	}

	private static String keyOf(StoredSession saved, byte[] id) {
		String key = saved.key();
		return (key != null) ? key : SessionIdCodec.storeKey(id);
	}

	private Map<String, String> attributes(TrackedSession session) {
		Map<String, String> attributes = new LinkedHashMap<>();
		session.contents().forEach((name, value) -> attributes.put(name, this.serializer.serializeValue(value)));
		return attributes;
	}

	/**
	 * A stored session as this request last saw it.
	 *
	 * @param id the session id, or {@code null} if nothing is stored
	 * @param key the store key of the id, or {@code null} if not hashed yet
	 * @param attributes each attribute's JSON by name
	 * @param version the record's version as the store gave it, or {@code null}
	 */
	record StoredSession(byte @Nullable [] id, @Nullable String key, Map<String, String> attributes,
			@Nullable String version) {
	}

	/**
	 * What changed between two sets of attributes.
	 *
	 * @param updated the attributes written, JSON by name
	 * @param removed the names of the attributes removed
	 * @param current every attribute once the changes are applied
	 */
	record AttributeChanges(Map<String, String> updated, Set<String> removed, Map<String, String> current) {

		static @Nullable AttributeChanges between(Map<String, String> saved, Map<String, String> current) {
			// Run on every request that may have changed its session: nothing is allocated
			// for what did not change.
			Map<String, String> updated = Map.of();
			int stillSaved = 0;
			for (Map.Entry<String, String> attribute : current.entrySet()) {
				String savedJson = saved.get(attribute.getKey());
				if (savedJson != null) {
					stillSaved++;
				}
				if (!attribute.getValue().equals(savedJson)) {
					if (updated.isEmpty()) {
						updated = new LinkedHashMap<>();
					}
					updated.put(attribute.getKey(), attribute.getValue());
				}
			}
			Set<String> removed = Set.of();
			if (stillSaved < saved.size()) {
				removed = new LinkedHashSet<>(saved.keySet());
				removed.removeAll(current.keySet());
			}
			return (updated.isEmpty() && removed.isEmpty()) ? null : new AttributeChanges(updated, removed, current);
		}

	}

}
