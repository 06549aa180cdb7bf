package dev.keycard.session.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
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
 * {@code EVALSHA} of a Lua script that writes the changed attributes, deletes the removed ones
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

	/** Arguments before the attributes: is new, created, expires, now, number of updates. */
	private static final int FIXED_ARGUMENTS = 5;

	/**
	 * Applies one request's changes to one session hash. Fields go to HSET and HDEL in chunks
	 * because Lua's unpack cannot spread more than a few thousand values; the times ride with
	 * the first HSET, so that a usual save runs three commands: HGET, HSET, PEXPIREAT. Removed
	 * fields are deleted before the updated ones are written, so a name in both ends up written.
	 */
	private static final String SAVE = """
			local key = KEYS[1]
			if ARGV[1] == '1' then
				redis.call('DEL', key)
			else
				local expires = tonumber(redis.call('HGET', key, '#expires'))
				if expires == nil or expires <= tonumber(ARGV[4]) then
					return 0
				end
			end
			local lastUpdate = 5 + 2 * tonumber(ARGV[5])
			for first = lastUpdate + 1, #ARGV, 1000 do
				redis.call('HDEL', key, unpack(ARGV, first, math.min(first + 999, #ARGV)))
			end
			local last = math.min(lastUpdate, 6 + 999)
			if last >= 6 then
				redis.call('HSET', key, '#created', ARGV[2], '#expires', ARGV[3], unpack(ARGV, 6, last))
			else
				redis.call('HSET', key, '#created', ARGV[2], '#expires', ARGV[3])
			end
			for first = last + 1, lastUpdate, 1000 do
				redis.call('HSET', key, unpack(ARGV, first, math.min(first + 999, lastUpdate)))
			end
			redis.call('PEXPIREAT', key, ARGV[3])
			return 1
			""";

	private static final byte[] SAVE_SCRIPT = SAVE.getBytes(StandardCharsets.UTF_8);

	/**
	 * Computed once: Spring's script executor asks its script for the digest under a lock on
	 * every call, which every request thread would queue for.
	 */
	private static final String SAVE_SHA1 = RedisScript.of(SAVE, Long.class).getSha1();

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
		List<byte[]> keyAndArguments = new ArrayList<>(
				1 + FIXED_ARGUMENTS + 2 * changes.updated().size() + changes.removed().size());
		keyAndArguments.add(bytes(this.keyPrefix + key));
		keyAndArguments.add(bytes(changes.isNew() ? "1" : "0"));
		keyAndArguments.add(bytes(Long.toString(changes.createdAt().toEpochMilli())));
		keyAndArguments.add(bytes(Long.toString(changes.expiresAt().toEpochMilli())));
		keyAndArguments.add(bytes(Long.toString(this.clock.millis())));
		keyAndArguments.add(bytes(Integer.toString(changes.updated().size())));
		changes.updated().forEach((name, json) -> {
			keyAndArguments.add(bytes(ATTRIBUTE + name));
			keyAndArguments.add(bytes(json));
		});
		if (!changes.isNew()) {
			changes.removed().forEach((name) -> keyAndArguments.add(bytes(ATTRIBUTE + name)));
		}
		byte[][] raw = keyAndArguments.toArray(byte[][]::new);
		try {
			Long saved = this.redis.execute((RedisCallback<Long>) (connection) -> runSave(connection, raw), true);
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

	/** One EVALSHA; the script itself only once Redis has forgotten it (after a restart, say). */
	private static @Nullable Long runSave(RedisConnection connection, byte[][] keyAndArguments) {
		try {
			return connection.scriptingCommands().evalSha(SAVE_SHA1, ReturnType.INTEGER, 1, keyAndArguments);
		}
		catch (DataAccessException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			return connection.scriptingCommands().eval(SAVE_SCRIPT, ReturnType.INTEGER, 1, keyAndArguments);
		}
	}

	private static boolean isNoScript(Throwable ex) {
		return RedisFailureTranslator.anyCause(ex,
				(cause) -> cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
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

}
