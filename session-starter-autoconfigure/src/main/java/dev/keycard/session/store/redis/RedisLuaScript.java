package dev.keycard.session.store.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script beside this class, sent as one {@code EVALSHA} with a digest computed once, and
 * in full only when Redis has forgotten it (after a restart, say). Every script Keycard sends
 * touches one key, or keys of one hash slot (a hash tag), so that it runs on Redis Cluster.
 */
final class RedisLuaScript {

	private final String name;

	private final byte[] script;

	/**
	 * Computed once: Spring's script executor asks its script for the digest under a lock on
	 * every call, which every request thread would queue for.
	 */
	private final String sha1;

	/**
	 * Read a script.
	 * @param name its file name beside this class
	 * @param placeholders what each {@code ${NAME}} in it stands for
	 */
	RedisLuaScript(String name, Map<String, String> placeholders) {
		String text = read(name);
		for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
			text = text.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
		}
		this.name = name;
		this.script = text.getBytes(StandardCharsets.UTF_8);
		this.sha1 = RedisScript.of(text, Long.class).getSha1();
	}

	/**
	 * Run the script on its one key, sending it in full if Redis does not know its digest.
	 * @param connection the connection
	 * @param keyAndArguments the key, then the arguments
	 * @return what the script returned
	 */
	@Nullable Long run(RedisConnection connection, byte[][] keyAndArguments) {
		return run(connection, 1, keyAndArguments);
	}

	/**
	 * Run the script on keys of one hash slot, sending it in full if Redis does not know its
	 * digest.
	 * @param connection the connection
	 * @param keyCount how many keys come first
	 * @param keysAndArguments the keys, then the arguments
	 * @return what the script returned
	 */
	@Nullable Long run(RedisConnection connection, int keyCount, byte[][] keysAndArguments) {
		try {
			return connection.scriptingCommands().evalSha(this.sha1, ReturnType.INTEGER, keyCount, keysAndArguments);
		}
		catch (DataAccessException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			return connection.scriptingCommands().eval(this.script, ReturnType.INTEGER, keyCount, keysAndArguments);
		}
	}

	/**
	 * Run the script on keys of one hash slot for the text it returns, sending it in full if
	 * Redis does not know its digest.
	 * @param connection the connection
	 * @param keyCount how many keys come first
	 * @param keysAndArguments the keys, then the arguments
	 * @return what the script returned, as UTF-8 bytes
	 */
	byte @Nullable [] runForText(RedisConnection connection, int keyCount, byte[][] keysAndArguments) {
		try {
			return connection.scriptingCommands().evalSha(this.sha1, ReturnType.VALUE, keyCount, keysAndArguments);
		}
		catch (DataAccessException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			return connection.scriptingCommands().eval(this.script, ReturnType.VALUE, keyCount, keysAndArguments);
		}
	}

	/** The script's SHA-1 digest, which {@code EVALSHA} names it by. */
	String sha1() {
		return this.sha1;
	}

	/**
	 * Whether a failure is Redis answering that it does not know a script's digest.
	 * @param ex the failure
	 */
	static boolean isNoScript(Throwable ex) {
		return RedisFailureTranslator.anyCause(ex,
				(cause) -> cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT"));
	}

	private static String read(String name) {
		try {
			return new ClassPathResource(name, RedisLuaScript.class).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Keycard's " + name + " cannot be read", ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
