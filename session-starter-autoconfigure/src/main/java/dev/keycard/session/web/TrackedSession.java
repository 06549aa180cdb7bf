package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;
import dev.keycard.session.codec.SessionSerializer;

/**
 * A {@link Session} that tracks what a request may have changed, and nothing else: its
 * values, as {@link TrackedValues}, and a pending {@link #invalidate()} or {@link #regenerate()}.
 * What it is compared with belongs to the persistence (a cookie payload, stored attributes),
 * not to the session.
 */
final class TrackedSession extends TrackedValues implements Session {

	private final SessionSerializer serializer;

	private final Clock clock;

	private final Owner owner;

	private boolean isNew;

	private boolean invalidated;

	private boolean regenerated;

	private Instant creationTime;

	private Instant expiryTime;

	/**
	 * Create a session.
	 * @param owner what compares the values with what was last saved, for {@link #isModified()}
	 * @param values the values, owned by the session from now on
	 * @param isNew whether the session starts in this request
	 */
	TrackedSession(SessionSerializer serializer, Clock clock, Owner owner, Map<String, @Nullable Object> values,
			boolean isNew, Instant creationTime, Instant expiryTime) {
		super(values);
		this.serializer = serializer;
		this.clock = clock;
		this.owner = owner;
		this.isNew = isNew;
		this.creationTime = creationTime;
		this.expiryTime = expiryTime;
	}

	/** Whether an identity change (invalidation or regeneration) is waiting to be written. */
	boolean identityChanged() {
		return this.invalidated || this.regenerated;
	}

	/** Whether an invalidation is waiting to be written. */
	boolean invalidationPending() {
		return this.invalidated;
	}

	/** Whether a regeneration is waiting to be written. */
	boolean regenerationPending() {
		return this.regenerated;
	}

	Owner owner() {
		return this.owner;
	}

	/** Record that the session was written, and expires at the given time. */
	void markWritten(Instant expiryTime) {
		markUnchanged();
		this.invalidated = false;
		this.regenerated = false;
		this.expiryTime = expiryTime;
	}

	@Override
	public boolean isModified() {
		return identityChanged() || (mayHaveChanged() && this.owner.contentChanged(this));
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
		contents().clear();
		markTouched();
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

	/** What a session belongs to: the request's persistence, which knows what was last saved. */
	interface Owner {

		/** Whether the values differ from what was last loaded or saved. */
		boolean contentChanged(TrackedSession session);

	}

}
