package dev.keycard.session.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.internal.AttributeDocument;

/**
 * Keeps sessions in Redis, shared by every instance of the application, through Spring Data
 * Redis and the connection Spring Boot configures from {@code spring.data.redis.*}: standalone,
 * Sentinel and Cluster all work.
 *
 * <p>Each session is one hash under the key prefix followed by the store key (the hash of the
 * session id, never the id itself), for example {@code keycard:session:3q2-7w...}:
 * <pre>
 * field        value
 * #created     creation instant, epoch milliseconds
 * #expires     expiry instant, epoch milliseconds
 * =user        "gordon"     (the attribute "user", as JSON)
 * =cart        {"items":[]} (the attribute "cart", as JSON)
 * </pre>
 * Attribute fields start with {@code =} and metadata fields with {@code #}, so no attribute
 * name can overwrite the metadata; fields starting with anything else are ignored when read.
 *
 * <p>Every operation is one round trip. A load is one {@code HGETALL}. A save is one
 * {@code EVALSHA} of a Lua script ({@code save-session.lua} beside this class) that writes the changed attributes, deletes the removed ones
 * and sets a native expiry with {@code PEXPIREAT}, atomically, so that two requests of one
 * session that change different attributes both survive; the first save after Redis has lost its
 * script cache (on a restart, for example) sends the script once more with {@code EVAL}. A
 * delete is one {@code UNLINK}.
 *
 * <p>The sessions of a signed-in user are also filed in a principal index: a sorted set per
 * principal (see {@code RedisPrincipalIndex}), written by a second script sent together with
 * the save on Lettuce's shared connection, so that a save stays one round trip. Listing a user's sessions reads the index and then
 * the sessions, and prunes what is gone.
 *
 * <p>Every record has a TTL, and a record past its {@code #expires} is treated as missing even
 * if Redis has not removed it yet. Each call touches one key, so the store works on Redis
 * Cluster; keep hash tags ({@code {...}}) out of the prefix, or every session lands in one slot.
 * The store never uses {@code KEYS}, {@code SCAN}, {@code CONFIG} or keyspace notifications, so
 * it runs on managed Redis services that forbid them.
 *
 * <p>With a {@link RedisNearCache}, loads are served from this instance's memory when the
 * session is cached there, and saves and deletes go through the near cache's own connection so
 * that it stays exact; listing a principal's sessions still reads Redis.
 *
 * <p>When Redis cannot be reached, or does not answer within the command timeout
 * ({@code spring.data.redis.timeout}), every operation throws
 * {@link SessionStoreUnavailableException}. An error Redis itself answers with, such as a key
 * under the prefix that holds something other than a session hash, is not an outage and
 * propagates as Spring's {@link DataAccessException}.
 */
public final class RedisSessionStore implements SessionStore {

	private static final String CREATED = "#created";

	private static final String EXPIRES = "#expires";

	private static final String ATTRIBUTE = "=";

	private static final RedisSaveScript SAVE = new RedisSaveScript(CREATED, EXPIRES);

	/** {@link LettuceBatch} has Lettuce's types in its signatures: touched only when they are there. */
	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisFuture",
			RedisSessionStore.class.getClassLoader());

	private final StringRedisTemplate redis;

	private final HashOperations<String, String, String> hashes;

	private final String keyPrefix;

	private final Clock clock;

	private final RedisFailureTranslator failures;

	private final RedisPrincipalIndex index;

	private final RedisConnectionFactory connectionFactory;

	private final @Nullable RedisNearCache nearCache;

	/**
	 * Create a store that decides expiry with the system clock.
	 * @param connectionFactory the connection to Redis, usually Spring Boot's
	 * @param keyPrefix what every session key starts with, for example
	 * {@code "keycard:session:"}
	 */
	public RedisSessionStore(RedisConnectionFactory connectionFactory, String keyPrefix) {
		this(connectionFactory, keyPrefix, Clock.systemUTC());
	}

	/**
	 * Create a store.
	 * @param connectionFactory the connection to Redis, usually Spring Boot's
	 * @param keyPrefix what every session key starts with, for example
	 * {@code "keycard:session:"}
	 * @param clock the clock that decides whether a record has expired; Redis removes records
	 * at their expiry by its own clock too
	 */
	public RedisSessionStore(RedisConnectionFactory connectionFactory, String keyPrefix, Clock clock) {
		this(connectionFactory, keyPrefix, clock, null);
	}

	/**
	 * Create a store that keeps a near cache of the sessions it reads.
	 * @param connectionFactory the connection to Redis, usually Spring Boot's
	 * @param keyPrefix what every session key starts with, for example
	 * {@code "keycard:session:"}
	 * @param clock the clock that decides whether a record has expired; Redis removes records
	 * at their expiry by its own clock too
	 * @param nearCache the near cache that loads and saves go through, or {@code null} for none;
	 * closing it is the caller's business
	 */
	public RedisSessionStore(RedisConnectionFactory connectionFactory, String keyPrefix, Clock clock,
			@Nullable RedisNearCache nearCache) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.notNull(keyPrefix, "keyPrefix must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.hashes = this.redis.opsForHash();
		this.keyPrefix = keyPrefix;
		this.clock = clock;
		this.failures = new RedisFailureTranslator(connectionFactory);
		this.index = new RedisPrincipalIndex(keyPrefix);
		this.connectionFactory = connectionFactory;
		this.nearCache = nearCache;
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		String redisKey = this.keyPrefix + key;
		Map<String, String> fields;
		try {
			fields = (this.nearCache != null) ? cachedOrRead(this.nearCache, redisKey) : this.hashes.entries(redisKey);
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
		return recordOf(redisKey, fields);
	}

	private static Map<String, String> cachedOrRead(RedisNearCache nearCache, String redisKey) {
		Map<String, String> cached = nearCache.cached(redisKey);
		return (cached != null) ? cached : nearCache.read(redisKey);
	}

	private @Nullable SessionRecord recordOf(String redisKey, Map<String, String> fields) {
		if (fields.isEmpty()) {
			return null;
		}
		Instant expiresAt = instant(redisKey, fields, EXPIRES);
		if (!expiresAt.isAfter(this.clock.instant())) {
			return null;
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		fields.forEach((field, json) -> {
			if (field.startsWith(ATTRIBUTE)) {
				attributes.put(field.substring(ATTRIBUTE.length()), json);
			}
		});
		return new SessionRecord(attributes, instant(redisKey, fields, CREATED), expiresAt);
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		long now = this.clock.millis();
		byte[][] keyAndArguments = RedisSaveScript.keyAndArguments(this.keyPrefix + key, changes, now, ATTRIBUTE);
		try {
			RedisNearCache nearCache = this.nearCache;
			if (nearCache == null) {
				return saveWithoutNearCache(key, keyAndArguments, now, changes);
			}
			Boolean saved = saveThroughNearCache(nearCache, key, keyAndArguments, now, changes);
			if (saved != null) {
				return saved;
			}
			// Sent on another connection: gone from this instance's cache until the save returns,
			// so that this instance reads its own write rather than wait for the invalidation.
			return nearCache.forgetAround(this.keyPrefix + key,
					() -> saveWithoutNearCache(key, keyAndArguments, now, changes));
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
	}

	private boolean saveWithoutNearCache(String key, byte[][] keyAndArguments, long now, SessionChanges changes) {
		String principal = changes.principal();
		if (principal == null) {
			Long saved = this.redis.execute(
					(RedisCallback<Long>) (connection) -> SAVE.run(connection, keyAndArguments), true);
			return saved != null && saved == 1L;
		}
		byte[][] indexArguments = this.index.keyAndArguments(principal, key, changes.expiresAt().toEpochMilli(), now);
		return saveAndFile(keyAndArguments, indexArguments);
	}

	/**
	 * Save on the near cache's connection, which leaves the session cached: the same scripts, so
	 * the same per-key merge.
	 * @return whether the changes were applied, or {@code null} if Redis had forgotten a script
	 * and the save must be sent again the usual way
	 */
	private @Nullable Boolean saveThroughNearCache(RedisNearCache nearCache, String key, byte[][] keyAndArguments,
			long now, SessionChanges changes) {
		String principal = changes.principal();
		List<RedisLuaScript> scripts = (principal != null) ? List.of(SAVE.script(), this.index.script())
				: List.of(SAVE.script());
		List<byte[][]> arguments = new ArrayList<>(2);
		arguments.add(keyAndArguments);
		if (principal != null) {
			arguments.add(this.index.keyAndArguments(principal, key, changes.expiresAt().toEpochMilli(), now));
		}
		try {
			Long saved = nearCache.write(this.keyPrefix + key, scripts, arguments);
			return saved != null && saved == 1L;
		}
		catch (DataAccessException ex) {
			if (!RedisLuaScript.isNoScript(ex)) {
				throw ex;
			}
			return null;
		}
	}

	/**
	 * Save a session and file it under its principal: two keys, two scripts, sent together on
	 * Lettuce's shared connection so that keeping the index costs no wait of its own (one after
	 * the other on another client).
	 */
	private boolean saveAndFile(byte[][] keyAndArguments, byte[][] indexArguments) {
		Long saved = this.redis.execute((RedisCallback<Long>) (connection) -> {
			LettuceBatch batch = LETTUCE_PRESENT ? LettuceBatch.on(connection, this.connectionFactory) : null;
			if (batch != null) {
				try {
					return batch
						.evalSha(List.of(SAVE.script(), this.index.script()), List.of(keyAndArguments, indexArguments))
						.get(0);
				}
				catch (DataAccessException ex) {
					if (!RedisLuaScript.isNoScript(ex)) {
						throw ex;
					}
					// Redis forgot a script: both again, one after the other, each sent in full if
					// need be. A save applied twice leaves the record as one does.
				}
			}
			Long applied = SAVE.run(connection, keyAndArguments);
			this.index.run(connection, indexArguments);
			return applied;
		}, true);
		return saved != null && saved == 1L;
	}

	@Override
	public boolean isIndexedByPrincipal() {
		return true;
	}

	/**
	 * {@inheritDoc}
	 * <p>Two round trips: the index, then every listed session in one pipeline; members whose
	 * session is gone, or now belongs to someone else, are removed from the index.
	 */
	@Override
	public Map<String, SessionRecord> findByPrincipal(String principal) {
		String indexKey = this.index.keyOf(principal);
		try {
			Set<String> keys = this.redis.opsForZSet().rangeByScore(indexKey, this.clock.millis(), Double.MAX_VALUE);
			if (keys == null || keys.isEmpty()) {
				return Map.of();
			}
			List<String> listed = new ArrayList<>(keys);
			List<Map<String, String>> hashes = readAll(listed);
			Map<String, SessionRecord> found = new LinkedHashMap<>();
			List<String> gone = new ArrayList<>();
			for (int i = 0; i < listed.size(); i++) {
				String key = listed.get(i);
				SessionRecord record = recordOf(this.keyPrefix + key, hashes.get(i));
				if (record != null && principal.equals(AttributeDocument.principalOf(record.attributes()))) {
					found.put(key, record);
				}
				else {
					gone.add(key);
				}
			}
			if (!gone.isEmpty()) {
				this.redis.opsForZSet().remove(indexKey, gone.toArray());
			}
			return found;
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
	}

	@Override
	public void delete(String key) {
		String redisKey = this.keyPrefix + key;
		try {
			if (this.nearCache != null) {
				this.nearCache.forgetAround(redisKey, () -> this.redis.unlink(redisKey));
			}
			else {
				this.redis.unlink(redisKey);
			}
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
	}

	/** Read sessions, all in one round trip on Lettuce. */
	private List<Map<String, String>> readAll(List<String> keys) {
		List<Map<String, String>> hashes = this.redis.execute((RedisCallback<List<Map<String, String>>>) (connection) -> {
			LettuceBatch batch = LETTUCE_PRESENT ? LettuceBatch.on(connection, this.connectionFactory) : null;
			List<Map<String, String>> read = new ArrayList<>(keys.size());
			if (batch != null) {
				List<byte[]> redisKeys = keys.stream().map((key) -> RedisSaveScript.bytes(this.keyPrefix + key)).toList();
				for (Map<byte[], byte[]> hash : batch.hgetall(redisKeys)) {
					read.add(strings(hash));
				}
				return read;
			}
			for (String key : keys) {
				read.add(strings(connection.hashCommands().hGetAll(RedisSaveScript.bytes(this.keyPrefix + key))));
			}
			return read;
		}, true);
		return (hashes != null) ? hashes : List.of();
	}

	/** A hash as Redis gave it, as text: shared with the near cache. */
	static Map<String, String> strings(@Nullable Map<byte[], byte[]> hash) {
		Map<String, String> strings = new LinkedHashMap<>();
		if (hash != null) {
			hash.forEach((field, value) -> strings.put(new String(field, StandardCharsets.UTF_8),
					new String(value, StandardCharsets.UTF_8)));
		}
		return strings;
	}

	private static Instant instant(String redisKey, Map<String, String> fields, String field) {
		String millis = fields.get(field);
		try {
			return Instant.ofEpochMilli(Long.parseLong(millis));
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("Redis key '" + redisKey + "' is not a Keycard session: its field '" + field
					+ "' is " + ((millis != null) ? "'" + millis + "'" : "missing")
					+ ". Give app.session.redis.key-prefix a value no other data in this Redis uses.", ex);
		}
	}

	@Override
	public String getName() {
		return "redis";
	}

}
