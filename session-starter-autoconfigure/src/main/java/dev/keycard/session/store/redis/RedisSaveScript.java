package dev.keycard.session.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;

import dev.keycard.session.store.SessionChanges;

/**
 * The Lua script that saves a session, {@code save-session.lua} beside this class: the one
 * owner of its argument order.
 */
final class RedisSaveScript {

	private final RedisLuaScript script;

	RedisSaveScript(String createdField, String expiresField) {
		this.script = new RedisLuaScript("save-session.lua", Map.of("CREATED", createdField, "EXPIRES", expiresField));
	}

	/**
	 * Return the key and the arguments of a save, in the order the script reads them.
	 * @param key the session's Redis key
	 * @param changes the changes
	 * @param now the current time, epoch milliseconds
	 * @param fieldPrefix what the field of each attribute starts with
	 */
	static byte[][] keyAndArguments(String key, SessionChanges changes, long now, String fieldPrefix) {
		List<byte[]> arguments = new ArrayList<>(6 + 2 * changes.updated().size() + changes.removed().size());
		arguments.add(bytes(key));
		arguments.add(bytes(changes.isNew() ? "1" : "0"));
		arguments.add(bytes(Long.toString(changes.createdAt().toEpochMilli())));
		arguments.add(bytes(Long.toString(changes.expiresAt().toEpochMilli())));
		arguments.add(bytes(Long.toString(now)));
		arguments.add(bytes(Integer.toString(changes.updated().size())));
		changes.updated().forEach((name, json) -> {
			arguments.add(bytes(fieldPrefix + name));
			arguments.add(bytes(json));
		});
		if (!changes.isNew()) {
			changes.removed().forEach((name) -> arguments.add(bytes(fieldPrefix + name)));
		}
		return arguments.toArray(byte[][]::new);
	}

	/**
	 * Run a save on a connection.
	 * @return 1 if the changes were applied, 0 if the session was gone
	 */
	@Nullable Long run(RedisConnection connection, byte[][] keyAndArguments) {
		return this.script.run(connection, keyAndArguments);
	}

	RedisLuaScript script() {
		return this.script;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
