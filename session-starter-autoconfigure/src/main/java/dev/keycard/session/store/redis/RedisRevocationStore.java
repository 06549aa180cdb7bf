package dev.keycard.session.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;

import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.PrincipalRevocation;
import dev.keycard.session.revocation.RevocationChange;
import dev.keycard.session.revocation.RevocationSnapshot;
import dev.keycard.session.revocation.RevocationStore;
import dev.keycard.session.revocation.RevocationVersion;
import dev.keycard.session.store.internal.AttributeDocument;

/**
 * Shares the revocations of cookie sessions through Redis: the revocations and their version in
 * four keys of one hash slot, changed by one script ({@code revoke.lua} beside this class) that
 * also publishes each change on a channel every instance listens on; each user's recorded
 * sessions in a hash of its own ({@code record-session.lua}), which expires with its last
 * session. With the default prefix:
 * <pre>
 * keycard:revocation:{all}:principals   principal key -&gt; "before" or "before:kept session id"
 * keycard:revocation:{all}:sessions     sorted set: revoked session id, scored by its expiry
 * keycard:revocation:{all}:version      raised by one with every change
 * keycard:revocation:{all}:chain        the SHA-1 of the previous chain and the last change
 * keycard:revocation:issued:PRINCIPAL   session id -&gt; the recorded session, as JSON
 * keycard:revocation:changes            the channel
 * </pre>
 * No command spans two hash slots, and none needs {@code KEYS}, {@code SCAN}, {@code CONFIG}
 * or keyspace notifications: it runs unchanged on Redis Cluster and managed Redis. A Redis
 * that cannot be reached throws
 * {@link dev.keycard.session.store.SessionStoreUnavailableException}.
 */
public final class RedisRevocationStore implements RevocationStore {

	private static final Log logger = LogFactory.getLog(RedisRevocationStore.class);

	private static final RedisLuaScript REVOKE = new RedisLuaScript("revoke.lua", Map.of());

	private static final RedisLuaScript RECORD = new RedisLuaScript("record-session.lua", Map.of());

	/** Loads read the version before and after; a change in between is read again, this many times at most. */
	private static final int LOAD_ATTEMPTS = 5;

	private final StringRedisTemplate redis;

	private final RedisConnectionFactory connectionFactory;

	private final RedisFailureTranslator failures;

	private final Clock clock;

	private final String principalsKey;

	private final String sessionsKey;

	private final String versionKey;

	private final String chainKey;

	private final String issuedPrefix;

	private final String channel;

	/**
	 * Create a store.
	 * @param connectionFactory the connection to Redis, usually Spring Boot's
	 * @param keyPrefix what every key and the channel start with, for example
	 * {@code "keycard:revocation:"}
	 * @param clock tells the time, for expiry
	 */
	public RedisRevocationStore(RedisConnectionFactory connectionFactory, String keyPrefix, Clock clock) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.hasText(keyPrefix, "keyPrefix must not be empty");
		Assert.notNull(clock, "clock must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.connectionFactory = connectionFactory;
		this.failures = new RedisFailureTranslator(connectionFactory);
		this.clock = clock;
		String shared = keyPrefix + "{all}:";
		this.principalsKey = shared + "principals";
		this.sessionsKey = shared + "sessions";
		this.versionKey = shared + "version";
		this.chainKey = shared + "chain";
		this.issuedPrefix = keyPrefix + "issued:";
		this.channel = keyPrefix + "changes";
	}

	@Override
	public RevocationSnapshot load() {
		return call(() -> {
			for (int attempt = 1;; attempt++) {
				RevocationVersion before = readVersion();
				Map<String, PrincipalRevocation> principals = new HashMap<>();
				this.redis.<String, String>opsForHash()
					.entries(this.principalsKey)
					.forEach((principalKey, value) -> principals.put(principalKey, principalRevocation(value)));
				Map<String, Instant> sessions = new HashMap<>();
				Set<ZSetOperations.TypedTuple<String>> revoked = this.redis.opsForZSet()
					.rangeByScoreWithScores(this.sessionsKey, this.clock.millis(), Double.POSITIVE_INFINITY);
				for (ZSetOperations.TypedTuple<String> session : (revoked != null) ? revoked : Set.<ZSetOperations.TypedTuple<String>>of()) {
					if (session.getValue() != null && session.getScore() != null) {
						sessions.put(session.getValue(), Instant.ofEpochMilli(session.getScore().longValue()));
					}
				}
				RevocationVersion after = readVersion();
				if (after.equals(before) || attempt == LOAD_ATTEMPTS) {
					// Read under one version; if not, the next version check reads it again.
					return new RevocationSnapshot(after.equals(before) ? before : null, principals, sessions);
				}
			}
		});
	}

	@Override
	public RevocationVersion version() {
		return call(this::readVersion);
	}

	/** One MGET: both keys are in one hash slot. */
	private RevocationVersion readVersion() {
		List<String> values = this.redis.opsForValue().multiGet(List.of(this.versionKey, this.chainKey));
		String number = (values != null) ? values.get(0) : null;
		String chain = (values != null) ? values.get(1) : null;
		return (number != null && chain != null) ? new RevocationVersion(Long.parseLong(number), chain)
				: RevocationVersion.NONE;
	}

	@Override
	public RevocationChange revoke(String principalKey, PrincipalRevocation revocation) {
		return runRevoke("p", principalKey, valueOf(revocation));
	}

	@Override
	public RevocationChange revokeSession(String sessionId, Instant until) {
		return runRevoke("s", sessionId, Long.toString(until.toEpochMilli()));
	}

	/** Run the revoke script: the change as stored and published. */
	private RevocationChange runRevoke(String kind, String subject, String value) {
		byte[][] keysAndArguments = { bytes(this.principalsKey), bytes(this.sessionsKey), bytes(this.versionKey),
				bytes(this.chainKey), bytes(kind), bytes(subject), bytes(value),
				bytes(Long.toString(this.clock.millis())), bytes(this.channel) };
		byte[] reply = call(() -> this.redis.execute(
				(RedisCallback<byte[]>) (connection) -> REVOKE.runForText(connection, 4, keysAndArguments), true));
		RevocationChange change = (reply != null) ? changeOf(new String(reply, StandardCharsets.UTF_8)) : null;
		if (change == null) {
			throw new IllegalStateException("Redis answered no change to Keycard's revoke script");
		}
		return change;
	}

	@Override
	public void record(String principalKey, IssuedSession session) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("signedInAt", session.signedInAt().toEpochMilli());
		json.put("lastSeen", session.lastSeen().toEpochMilli());
		json.put("expiresAt", session.expiresAt().toEpochMilli());
		json.put("userAgent", session.userAgent());
		json.put("ipAddress", session.ipAddress());
		byte[][] keyAndArguments = { bytes(this.issuedPrefix + principalKey), bytes(session.id()),
				bytes(AttributeDocument.mapper().writeValueAsString(json)),
				bytes(Long.toString(session.expiresAt().toEpochMilli())), bytes(Long.toString(this.clock.millis())) };
		call(() -> this.redis.execute((RedisCallback<Long>) (connection) -> RECORD.run(connection, keyAndArguments),
				true));
	}

	@Override
	public void forget(String principalKey, String sessionId) {
		call(() -> this.redis.opsForHash().delete(this.issuedPrefix + principalKey, sessionId));
	}

	@Override
	public List<IssuedSession> recorded(String principalKey, Instant now) {
		String key = this.issuedPrefix + principalKey;
		Map<String, String> entries = call(() -> this.redis.<String, String>opsForHash().entries(key));
		List<IssuedSession> sessions = new ArrayList<>();
		List<Object> expired = new ArrayList<>();
		entries.forEach((id, json) -> {
			IssuedSession session = issuedSession(id, json);
			if (session == null || !session.expiresAt().isAfter(now)) {
				expired.add(id);
			}
			else {
				sessions.add(session);
			}
		});
		if (!expired.isEmpty()) {
			call(() -> this.redis.opsForHash().delete(key, expired.toArray()));
		}
		return sessions;
	}

	@Override
	public AutoCloseable subscribe(Consumer<RevocationChange> listener) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connectionFactory);
		container.addMessageListener((message, pattern) -> {
			RevocationChange change = changeOf(new String(message.getBody(), StandardCharsets.UTF_8));
			if (change != null) {
				listener.accept(change);
			}
		}, new ChannelTopic(this.channel));
		container.afterPropertiesSet();
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			// The container subscribes again on its own; until it does, the version checks keep the list current.
			logger.warn("Keycard cannot subscribe to revocations on Redis yet: " + ex.getMessage());
		}
		return container::destroy;
	}

	@Override
	public String getName() {
		return "redis";
	}

	/** Read a published change: "previous-version previous-chain version chain kind subject value". */
	static @Nullable RevocationChange changeOf(String message) {
		String[] parts = message.split(" ", 7);
		if (parts.length != 7) {
			return null;
		}
		try {
			RevocationVersion previous = new RevocationVersion(Long.parseLong(parts[0]), parts[1]);
			RevocationVersion version = new RevocationVersion(Long.parseLong(parts[2]), parts[3]);
			return switch (parts[4]) {
				case "p" -> RevocationChange.ofPrincipal(previous, version, parts[5], principalRevocation(parts[6]));
				case "s" -> RevocationChange.ofSession(previous, version, parts[5],
						Instant.ofEpochMilli(Long.parseLong(parts[6])));
				default -> null;
			};
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A user revocation as stored: "before", or "before:keptAt:kept" (keptAt in epoch microseconds). */
	static String valueOf(PrincipalRevocation revocation) {
		String before = Long.toString(revocation.before().toEpochMilli());
		String kept = revocation.keptSessionId();
		Instant keptAt = revocation.keptSignedInAt();
		return (kept != null && keptAt != null)
				? before + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, keptAt) + ":" + kept : before;
	}

	static PrincipalRevocation principalRevocation(String value) {
		String[] parts = value.split(":", 3);
		Instant before = Instant.ofEpochMilli(Long.parseLong(parts[0]));
		return (parts.length == 3)
				? new PrincipalRevocation(before, parts[2], Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS))
				: PrincipalRevocation.allBefore(before);
	}

	private static @Nullable IssuedSession issuedSession(String id, String json) {
		try {
			JsonNode node = AttributeDocument.mapper().readTree(json);
			return new IssuedSession(id, Instant.ofEpochMilli(node.path("signedInAt").asLong()),
					Instant.ofEpochMilli(node.path("lastSeen").asLong()),
					Instant.ofEpochMilli(node.path("expiresAt").asLong()), text(node, "userAgent"),
					text(node, "ipAddress"));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private <T> T call(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
