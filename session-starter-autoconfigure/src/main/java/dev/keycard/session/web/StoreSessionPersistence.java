package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * Keeps sessions in a {@link SessionStore}; the cookie carries only a signed random id, and the
 * store only its hash. A forged id is refused before any store round trip.
 */
final class StoreSessionPersistence implements SessionPersistence {

	/**
	 * Largest session saved, in bytes of attribute JSON: a little under what stores read back
	 * ({@link JsonSessionSerializer#MAX_DOCUMENT_LENGTH}), so that what is saved can be loaded.
	 */
	static final int MAX_STORED_SESSION_LENGTH = JsonSessionSerializer.MAX_DOCUMENT_LENGTH - 64 * 1024;

	private static final int LARGEST_KEYS_REPORTED = 3;

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
	public @Nullable TrackedSession read(String cookieValue, Clock clock) {
		Instant now = clock.instant();
		SessionIdCodec.VerifiedId verified = this.idCodec.decode(this.cookieName, cookieValue);
		if (verified == null) {
			return null;
		}
		try {
			SessionRecord record = this.store.load(SessionIdCodec.storeKey(verified.id()));
			if (record == null || !record.expiresAt().isAfter(now)) {
				return null;
			}
			return TrackedSession.restoreAttributes(this.serializer, clock, verified.id(), record.attributes(),
					record.version(), record.createdAt(), record.expiresAt(), verified.issuedUnderPreviousKey());
		}
		catch (IllegalArgumentException ex) {
			// A record whose content cannot be read: the client starts again under a new id, so the
			// record is left as it is. Any other failure of the store fails the request.
			logger.warn("A stored session cannot be read, the client gets a new session: " + ex.getMessage());
			return null;
		}
	}

	@Override
	public boolean hasChanges(TrackedSession session) {
		return session.stageAttributes();
	}

	@Override
	public @Nullable String save(TrackedSession session, Instant now, Instant expiresAt) {
		byte[] oldId = session.id();
		TrackedSession.AttributeChanges changes = session.stagedAttributes();
		if (oldId == null || session.identityChanged()) {
			byte[] newId = this.idCodec.newId();
			Map<String, String> attributes = (changes != null) ? changes.current() : session.attributes();
			checkSize(attributes);
			this.store.save(SessionIdCodec.storeKey(newId),
					new SessionChanges(true, attributes, Set.of(), session.getCreationTime(), expiresAt));
			if (oldId != null) {
				this.store.delete(SessionIdCodec.storeKey(oldId));
			}
			session.markStored(newId, attributes, expiresAt);
			return this.idCodec.encode(this.cookieName, newId);
		}
		if (changes != null) {
			checkSize(changes.current());
		}
		boolean reissue = session.isReissueRequired();
		SessionChanges stored = (changes != null)
				? new SessionChanges(false, changes.updated(), changes.removed(), session.getCreationTime(), expiresAt,
						session.recordVersion())
				: new SessionChanges(false, Map.of(), Set.of(), session.getCreationTime(), expiresAt,
						session.recordVersion());
		if (!this.store.save(SessionIdCodec.storeKey(oldId), stored)) {
			// Another request invalidated this session meanwhile: its changes must not revive it.
			logger.debug("Session changes dropped: the session was deleted by another request");
			session.markRemoved();
			return null;
		}
		session.markStored(oldId, (changes != null) ? changes.current() : session.attributes(), expiresAt);
		return reissue ? this.idCodec.encode(this.cookieName, oldId) : null;
	}

	/** Stores read bytes of UTF-8, up to three for each character of a string. */
	private static void checkSize(Map<String, String> attributes) {
		long characters = 0;
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			characters += attribute.getKey().length() + attribute.getValue().length() + 4;
		}
		if (characters * 3 <= MAX_STORED_SESSION_LENGTH) {
			return;
		}
		long size = 0;
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			size += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue()) + 4;
		}
		if (size > MAX_STORED_SESSION_LENGTH) {
			List<String> largest = attributes.entrySet()
				.stream()
				.sorted(Comparator.comparingLong((Map.Entry<String, String> attribute) -> utf8Length(attribute.getValue()))
					.reversed())
				.limit(LARGEST_KEYS_REPORTED)
				.map((attribute) -> "'" + attribute.getKey() + "' (" + utf8Length(attribute.getValue()) + " bytes)")
				.toList();
			throw new SessionTooLargeException("Session would be " + size + " bytes in the store, over the limit of "
					+ MAX_STORED_SESSION_LENGTH + " bytes. Largest keys: " + String.join(", ", largest)
					+ ". Keep large data elsewhere and only its id in the session.", (int) Math.min(size, Integer.MAX_VALUE),
					MAX_STORED_SESSION_LENGTH, largest);
		}
	}

	private static long utf8Length(String text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	@Override
	public void saved(TrackedSession session, Instant expiresAt) {
		// The store was written by save; the session was marked there.
	}

	@Override
	public void remove(TrackedSession session) {
		byte[] id = session.id();
		if (id != null) {
			this.store.delete(SessionIdCodec.storeKey(id));
		}
	}

}
