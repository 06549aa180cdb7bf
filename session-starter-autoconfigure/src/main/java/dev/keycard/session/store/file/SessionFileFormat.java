package dev.keycard.session.store.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.SessionRecord;

/**
 * The names and the content of the files in a session directory. A session with key
 * {@code K} is {@code K.json}; while it is written, it is a temporary file
 * {@code .K.<random>.tmp}. Keys are validated before they become part of a path.
 */
final class SessionFileFormat {

	private static final int KEY_LENGTH = 43;

	private static final String SESSION_SUFFIX = ".json";

	/** Suffix of temporary files. */
	static final String TEMPORARY_SUFFIX = ".tmp";

	private SessionFileFormat() {
	}

	/**
	 * Return the name of the file of a session.
	 * @param key the session key
	 * @return the file name
	 * @throws IllegalArgumentException if the key is not a store key
	 */
	static String sessionFileName(String key) {
		// Keys are hashes and never contain '/' or '..': checking keeps any other string out of paths.
		if (!isKey(key)) {
			throw new IllegalArgumentException(
					"key must be a store key: 43 Base64url characters, from SessionIdCodec.storeKey");
		}
		return key + SESSION_SUFFIX;
	}

	/**
	 * Return the prefix of the temporary files of a session.
	 * @param key a valid session key
	 * @return the prefix
	 */
	static String temporaryFilePrefix(String key) {
		return "." + key + ".";
	}

	/**
	 * Return the key of a session file.
	 * @param fileName a file name in a session directory
	 * @return the key, or {@code null} if the file is not a session file
	 */
	static @Nullable String keyOfSessionFile(String fileName) {
		if (fileName.length() != KEY_LENGTH + SESSION_SUFFIX.length() || !fileName.endsWith(SESSION_SUFFIX)) {
			return null;
		}
		String key = fileName.substring(0, KEY_LENGTH);
		return isKey(key) ? key : null;
	}

	/**
	 * Return the key of a temporary file.
	 * @param fileName a file name in a session directory
	 * @return the key, or {@code null} if the file is not a temporary file of this store
	 */
	static @Nullable String keyOfTemporaryFile(String fileName) {
		if (fileName.length() <= KEY_LENGTH + 2 + TEMPORARY_SUFFIX.length() || fileName.charAt(0) != '.'
				|| fileName.charAt(KEY_LENGTH + 1) != '.' || !fileName.endsWith(TEMPORARY_SUFFIX)) {
			return null;
		}
		String key = fileName.substring(1, KEY_LENGTH + 1);
		return isKey(key) ? key : null;
	}

	static boolean isKey(@Nullable String key) {
		if (key == null || key.length() != KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < KEY_LENGTH; i++) {
			char c = key.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Write the content of a session file.
	 * @param attributes the attributes, JSON text by name
	 * @param createdAt when the session was created
	 * @param expiresAt when it expires
	 * @return the JSON document
	 */
	static String write(Map<String, String> attributes, Instant createdAt, Instant expiresAt) {
		return "{\"createdAt\":" + createdAt.toEpochMilli() + ",\"expiresAt\":" + expiresAt.toEpochMilli()
				+ ",\"attributes\":" + AttributeDocument.write(attributes) + "}";
	}

	/**
	 * Read a session file. Anything but a complete session file is bad data, not an outage.
	 * @param file the file
	 * @return the session, expired or not, or {@code null} if the file is not a session
	 * @throws java.nio.file.NoSuchFileException if there is no such file
	 * @throws IOException if the file cannot be read
	 */
	static @Nullable SessionRecord read(Path file) throws IOException {
		byte[] bytes;
		try (InputStream input = Files.newInputStream(file)) {
			// A longer file is refused by the mapper anyway: read no more than it would.
			bytes = input.readNBytes(JsonSessionSerializer.MAX_DOCUMENT_LENGTH + 1);
		}
		try {
			JsonNode document = AttributeDocument.mapper().readTree(bytes);
			if (document == null || !document.isObject()) {
				return null;
			}
			JsonNode createdAt = document.path("createdAt");
			JsonNode expiresAt = document.path("expiresAt");
			if (!isEpochMillis(createdAt) || !isEpochMillis(expiresAt)) {
				return null;
			}
			return new SessionRecord(AttributeDocument.read(document.path("attributes")),
					Instant.ofEpochMilli(createdAt.longValue()), Instant.ofEpochMilli(expiresAt.longValue()));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isEpochMillis(JsonNode node) {
		return node.isIntegralNumber() && node.canConvertToLong();
	}

}
