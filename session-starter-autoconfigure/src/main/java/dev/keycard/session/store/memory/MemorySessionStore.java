package dev.keycard.session.store.memory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * Keeps sessions in this process's memory, in a Caffeine cache with a per-entry expiry and a
 * bounded size. Sessions are lost when the process stops and are not shared between processes:
 * use it for development, tests and single-instance applications. Each session is held
 * compactly: its attribute names, and their JSON values as UTF-8 bytes one after the other, cut
 * apart again by their end offsets, so that loading and saving parse no JSON; changes are merged
 * atomically per session.
 */
public final class MemorySessionStore implements SessionStore {

	private final Cache<String, StoredSession> sessions;

	/** The keys of each principal's sessions; pruned when sessions go, and when listed. */
	private final Map<String, Set<String>> keysByPrincipal = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Create a store.
	 * @param maxSessions how many sessions are kept at most; past it, those Caffeine finds least likely to be
	 * used again go first (a rarely used new session may go before an old busy one)
	 * @param clock the clock that decides expiry
	 */
	public MemorySessionStore(long maxSessions, Clock clock) {
		Assert.isTrue(maxSessions > 0, "maxSessions must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
		this.sessions = Caffeine.newBuilder()
			// Caffeine's time is the store's, so that what has expired is also what is evicted.
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			// Upkeep runs on the calling thread: handing it to the common pool wakes another
			// thread on every write, which costs more than the upkeep itself.
			.executor(Runnable::run)
			.maximumSize(maxSessions)
			.expireAfter(Expiry.writing((String key, StoredSession session) -> session.timeToLive(clock.instant())))
			.removalListener((String key, StoredSession session, RemovalCause cause) -> {
				// A replaced session is re-filed by save; any other is gone.
				if (key != null && session != null && cause != RemovalCause.REPLACED) {
					unfile(key, session.principal());
				}
			})
			.build();
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		StoredSession session = this.sessions.getIfPresent(key);
		if (session == null || session.isExpired(this.clock.instant())) {
			return null;
		}
		return new SessionRecord(session.attributes(), Instant.ofEpochMilli(session.createdAt),
				Instant.ofEpochMilli(session.expiresAt));
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		Instant now = this.clock.instant();
		boolean[] saved = { true };
		@Nullable String[] previousPrincipal = { null };
		this.sessions.asMap().compute(key, (name, existing) -> {
			boolean exists = existing != null && !existing.isExpired(now);
			if (!exists && !changes.isNew()) {
				saved[0] = false;
				return existing;
			}
			previousPrincipal[0] = (existing != null) ? existing.principal() : null;
			long createdAt = changes.createdAt().toEpochMilli();
			long expiresAt = changes.expiresAt().toEpochMilli();
			if (exists && !changes.isNew()) {
				return existing.changedBy(changes, createdAt, expiresAt);
			}
			// A new record holds what was written, nothing of what it may replace.
			return StoredSession.of(changes.updated(), createdAt, expiresAt, changes.principal());
		});
		if (saved[0]) {
			String principal = changes.principal();
			if (previousPrincipal[0] != null && !previousPrincipal[0].equals(principal)) {
				unfile(key, previousPrincipal[0]);
			}
			if (principal != null) {
				this.keysByPrincipal.computeIfAbsent(principal, (any) -> ConcurrentHashMap.newKeySet()).add(key);
			}
		}
		return saved[0];
	}

	@Override
	public void delete(String key) {
		this.sessions.invalidate(key);
	}

	@Override
	public boolean isIndexedByPrincipal() {
		return true;
	}

	@Override
	public Map<String, SessionRecord> findByPrincipal(String principal) {
		Set<String> keys = this.keysByPrincipal.get(principal);
		if (keys == null) {
			return Map.of();
		}
		Instant now = this.clock.instant();
		Map<String, SessionRecord> found = new LinkedHashMap<>();
		for (String key : keys) {
			StoredSession session = this.sessions.getIfPresent(key);
			if (session == null || session.isExpired(now) || !principal.equals(session.principal())) {
				unfile(key, principal);
			}
			else {
				found.put(key, new SessionRecord(session.attributes(), Instant.ofEpochMilli(session.createdAt),
						Instant.ofEpochMilli(session.expiresAt)));
			}
		}
		return found;
	}

	private void unfile(String key, @Nullable String principal) {
		if (principal != null) {
			this.keysByPrincipal.computeIfPresent(principal, (name, keys) -> {
				keys.remove(key);
				return keys.isEmpty() ? null : keys;
			});
		}
	}

	/** How many principals the index holds sessions for, for tests that show it does not leak. */
	int indexedPrincipals() {
		return this.keysByPrincipal.size();
	}

	/**
	 * Evict what is due now instead of on later activity.
	 */
	public void cleanUp() {
		this.sessions.cleanUp();
	}

	/**
	 * Return how many sessions are held, expired ones not yet evicted included.
	 * @return the estimated number of sessions
	 */
	public long size() {
		return this.sessions.estimatedSize();
	}

	/**
	 * A session as compact as it can be: its attribute names (usually the application's own
	 * string constants, shared by every session), the values' JSON as UTF-8 bytes one after the
	 * other with the offset each ends at, two longs and its principal.
	 */
	private record StoredSession(String[] names, byte[] values, int[] ends, long createdAt, long expiresAt,
			@Nullable String principal) {

		static StoredSession of(Map<String, String> attributes, long createdAt, long expiresAt,
				@Nullable String principal) {
			Layout layout = new Layout(attributes.size(), attributes.size() * 16);
			attributes.forEach(layout::add);
			return layout.toSession(createdAt, expiresAt, principal);
		}

		/**
		 * This session with changes applied as {@link SessionChanges#applyTo} would, straight
		 * from its bytes: an attribute left alone is copied, not decoded and encoded again.
		 */
		StoredSession changedBy(SessionChanges changes, long createdAt, long expiresAt) {
			Map<String, String> updated = changes.updated();
			Set<String> removed = changes.removed();
			Layout layout = new Layout(this.names.length + updated.size(), this.values.length + updated.size() * 16);
			int start = 0;
			for (int i = 0; i < this.names.length; i++) {
				String name = this.names[i];
				if (!removed.contains(name)) {
					String json = updated.get(name);
					if (json != null) {
						layout.add(name, json);
					}
					else {
						layout.add(name, this.values, start, this.ends[i]);
					}
				}
				start = this.ends[i];
			}
			updated.forEach((name, json) -> {
				// Kept in place above, or new (or removed and written again): then it goes last.
				if (!isKept(name, removed)) {
					layout.add(name, json);
				}
			});
			return layout.toSession(createdAt, expiresAt, changes.principal());
		}

		private boolean isKept(String name, Set<String> removed) {
			for (String kept : this.names) {
				if (kept.equals(name)) {
					return !removed.contains(name);
				}
			}
			return false;
		}

		/** The attributes, JSON by name, in a map of their own that the caller may change. */
		Map<String, String> attributes() {
			Map<String, String> attributes = new LinkedHashMap<>();
			int start = 0;
			for (int i = 0; i < this.names.length; i++) {
				attributes.put(this.names[i],
						new String(this.values, start, this.ends[i] - start, StandardCharsets.UTF_8));
				start = this.ends[i];
			}
			return attributes;
		}

		boolean isExpired(Instant now) {
			return this.expiresAt <= now.toEpochMilli();
		}

		Duration timeToLive(Instant now) {
			return Duration.ofMillis(Math.max(0, this.expiresAt - now.toEpochMilli()));
		}

	}

	/** Lays a session's attributes out one after the other, as {@link StoredSession} holds them. */
	private static final class Layout {

		private final String[] names;

		private final int[] ends;

		private final ByteArrayOutputStream values;

		private int count;

		Layout(int maxAttributes, int expectedBytes) {
			this.names = new String[maxAttributes];
			this.ends = new int[maxAttributes];
			this.values = new ByteArrayOutputStream(expectedBytes);
		}

		void add(String name, String json) {
			this.values.writeBytes(json.getBytes(StandardCharsets.UTF_8));
			added(name);
		}

		void add(String name, byte[] bytes, int start, int end) {
			this.values.write(bytes, start, end - start);
			added(name);
		}

		private void added(String name) {
			this.names[this.count] = name;
			this.ends[this.count++] = this.values.size();
		}

		StoredSession toSession(long createdAt, long expiresAt, @Nullable String principal) {
			String[] names = (this.count == this.names.length) ? this.names : Arrays.copyOf(this.names, this.count);
			int[] ends = (this.count == this.ends.length) ? this.ends : Arrays.copyOf(this.ends, this.count);
			return new StoredSession(names, this.values.toByteArray(), ends, createdAt, expiresAt, principal);
		}

	}

	@Override
	public String getName() {
		return "memory";
	}

}
