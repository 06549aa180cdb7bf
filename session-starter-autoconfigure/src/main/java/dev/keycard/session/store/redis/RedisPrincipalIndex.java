package dev.keycard.session.store.redis;

import java.util.Map;

import org.springframework.data.redis.connection.RedisConnection;

import dev.keycard.session.store.internal.PrincipalKey;

/**
 * The principal index of the {@link RedisSessionStore}: for each principal, a sorted set under
 * the key prefix, {@code principal:} and the Base64url SHA-256 of the principal's name (no name
 * in a key), whose members are the store keys of the principal's sessions, scored by their
 * expiry ({@code index-session.lua} beside this class). It lives in a key of its own, touched
 * by its own script, so that no command spans two hash slots; it is pruned as it is written and
 * as it is read, and expires with its last session.
 */
final class RedisPrincipalIndex {

	private static final String INDEX = "principal:";

	private final RedisLuaScript script = new RedisLuaScript("index-session.lua", Map.of());

	private final String keyPrefix;

	RedisPrincipalIndex(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	/** Return the Redis key of a principal's index. */
	String keyOf(String principal) {
		return this.keyPrefix + INDEX + PrincipalKey.of(principal);
	}

	/** Return the key and the arguments that file a session under a principal. */
	byte[][] keyAndArguments(String principal, String storeKey, long expiresAt, long now) {
		return new byte[][] { RedisSaveScript.bytes(keyOf(principal)), RedisSaveScript.bytes(storeKey),
				RedisSaveScript.bytes(Long.toString(expiresAt)), RedisSaveScript.bytes(Long.toString(now)) };
	}

	void run(RedisConnection connection, byte[][] keyAndArguments) {
		this.script.run(connection, keyAndArguments);
	}

	RedisLuaScript script() {
		return this.script;
	}

}
