package dev.keycard.session.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionSerializer;

/**
 * How large a session may be, in a cookie and in a store, and the report of one that is too
 * large: its size, the limit and its largest keys.
 */
final class SessionSizeLimit {

	/**
	 * Largest session saved in a store, in bytes of attribute JSON: a little under what stores
	 * read back ({@link JsonSessionSerializer#MAX_DOCUMENT_LENGTH}), so that what is saved can
	 * be loaded.
	 */
	static final int MAX_STORED_LENGTH = JsonSessionSerializer.MAX_DOCUMENT_LENGTH - 64 * 1024;

	private static final int LARGEST_KEYS_REPORTED = 3;

	/** Bytes a document adds around each attribute: quotes, colon and comma. */
	private static final int ATTRIBUTE_OVERHEAD = 4;

	private SessionSizeLimit() {
	}

	/**
	 * Refuse a cookie that browsers would not keep.
	 * @param header the {@code Set-Cookie} header
	 * @param values the session's values, to name the largest
	 * @param serializer the serializer that sized them
	 * @throws SessionTooLargeException if the header is over {@link SessionCodec#MAX_COOKIE_LENGTH}
	 */
	static void checkCookie(String header, Map<String, @Nullable Object> values, SessionSerializer serializer) {
		if (header.length() <= SessionCodec.MAX_COOKIE_LENGTH) {
			return;
		}
		throw new SessionTooLargeException(header.length(), SessionCodec.MAX_COOKIE_LENGTH,
				largest(values, (entry) -> entry.getKey().length() + serializer.sizeOf(entry.getValue())));
	}

	/**
	 * Refuse a session that a store could not read back.
	 * @param attributes each attribute's JSON by name
	 * @throws SessionTooLargeException if they are over {@link #MAX_STORED_LENGTH} bytes of UTF-8
	 */
	static void checkStored(Map<String, String> attributes) {
		long characters = 0;
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			characters += attribute.getKey().length() + attribute.getValue().length() + ATTRIBUTE_OVERHEAD;
		}
		// UTF-8 takes at most three bytes for each character of a Java string.
		if (characters * 3 <= MAX_STORED_LENGTH) {
			return;
		}
		long size = storedLength(attributes);
		if (size > MAX_STORED_LENGTH) {
			List<String> largest = largest(attributes, (entry) -> utf8Length(entry.getValue()));
			throw new SessionTooLargeException("Session would be " + size + " bytes in the store, over the limit of "
					+ MAX_STORED_LENGTH + " bytes. Largest keys: " + String.join(", ", largest)
					+ ". Keep large data elsewhere and only its id in the session.",
					(int) Math.min(size, Integer.MAX_VALUE), MAX_STORED_LENGTH, largest);
		}
	}

	/**
	 * Return the size of a stored session: each attribute's name and JSON in UTF-8, and what a
	 * document adds around them.
	 * @param attributes each attribute's JSON by name
	 * @return the size in bytes
	 */
	static long storedLength(Map<String, String> attributes) {
		long size = 0;
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			size += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue()) + ATTRIBUTE_OVERHEAD;
		}
		return size;
	}

	private static <V> List<String> largest(Map<String, V> values, ToLongFunction<Map.Entry<String, V>> size) {
		return values.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), size.applyAsLong(entry)))
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(LARGEST_KEYS_REPORTED)
			.map((entry) -> "'" + entry.getKey() + "' (" + entry.getValue() + " bytes)")
			.toList();
	}

	private static long utf8Length(String text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
