package dev.keycard.session.store.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

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
 * <p>Every record has a TTL, and a record past its {@code #expires} is treated as missing even
 * if Redis has not removed it yet. Each call touches one key, so the store works on Redis
 * Cluster; keep hash tags ({@code {...}}) out of the prefix, or every session lands in one slot.
 * The store never uses {@code KEYS}, {@code SCAN}, {@code CONFIG} or keyspace notifications, so
 * it runs on managed Redis services that forbid them.
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

	private final StringRedisTemplate redis;

	private final HashOperations<String, String, String> hashes;

	private final String keyPrefix;

	private final Clock clock;

	private final RedisFailureTranslator failures;

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
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.notNull(keyPrefix, "keyPrefix must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.hashes = this.redis.opsForHash();
		this.keyPrefix = keyPrefix;
		this.clock = clock;
		this.failures = new RedisFailureTranslator(connectionFactory);
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		String redisKey = this.keyPrefix + key;
		Map<String, String> fields;
		try {
			fields = this.hashes.entries(redisKey);
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
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
		byte[][] keyAndArguments = RedisSaveScript.keyAndArguments(this.keyPrefix + key, changes, this.clock.millis(),
				ATTRIBUTE);
		try {
			Long saved = this.redis.execute((RedisCallback<Long>) (connection) -> SAVE.run(connection, keyAndArguments),
					true);
			return saved != null && saved == 1L;
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			this.redis.unlink(this.keyPrefix + key);
		}
		catch (DataAccessException ex) {
			throw this.failures.translate(ex);
		}
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
