package dev.keycard.session.store.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.script.RedisScript;

import dev.keycard.session.store.SessionChanges;

/**
 * The Lua script that saves a session, {@code save-session.lua} beside this class: the one
 * owner of its argument order, and of how it is sent, one {@code EVALSHA} with a digest computed
 * once, the script itself only when Redis has forgotten it (after a restart, say).
 */
final class RedisSaveScript {

	private final byte[] script;

	/**
	 * Computed once: Spring's script executor asks its script for the digest under a lock on
	 * every call, which every request thread would queue for.
	 */
	private final String sha1;

	RedisSaveScript(String createdField, String expiresField) {
		String text = read().replace("${CREATED}", createdField).replace("${EXPIRES}", expiresField);
		this.script = text.getBytes(StandardCharsets.UTF_8);
		this.sha1 = RedisScript.of(text, Long.class).getSha1();
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
		try {
			return connection.scriptingCommands().evalSha(this.sha1, ReturnType.INTEGER, 1, keyAndArguments);
		}
		catch (DataAccessException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			return connection.scriptingCommands().eval(this.script, ReturnType.INTEGER, 1, keyAndArguments);
		}
	}

	private static boolean isNoScript(Throwable ex) {
		return RedisFailureTranslator.anyCause(ex,
				(cause) -> cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String read() {
		try {
			return new ClassPathResource("save-session.lua", RedisSaveScript.class)
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycard's save-session.lua cannot be read", ex);
		}
	}

}
