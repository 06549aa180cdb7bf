package dev.keycard.session.codec;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns session values into JSON and back. Keycard's {@link JsonSessionSerializer} does it with
 * a Jackson mapper of its own; declare a {@code SessionSerializer} bean to do it otherwise (with
 * another JSON library, or other Jackson modules than {@link SessionJsonMapperCustomizer} adds).
 *
 * <p>What it writes must be JSON, whatever the store: the cookie store keeps the UTF-8 bytes of
 * {@link #serialize(Map)}, and server-side stores keep each attribute as the JSON text of
 * {@link #serializeValue(Object)}, which a JDBC or file store embeds in a JSON document and
 * Redis keeps in a hash field. Another format would break them.
 *
 * <p>An implementation must never instantiate a type named by the data it reads: that turns a
 * leaked secret or a writable store into remote code execution.
 */
public interface SessionSerializer {

	/**
	 * Serialize session values as one JSON object.
	 * @param values the values
	 * @return the JSON object, in UTF-8
	 * @throws IllegalArgumentException if a value cannot be serialized, naming its key
	 */
	byte[] serialize(Map<String, @Nullable Object> values);

	/**
	 * Read session values.
	 * @param bytes what {@link #serialize(Map)} wrote
	 * @return the values, in a mutable map
	 * @throws IllegalArgumentException if the bytes are not serialized session values
	 */
	Map<String, @Nullable Object> deserialize(byte[] bytes);

	/**
	 * Convert a stored value to a type, for {@code Session.get(key, type)}.
	 * @param value the value
	 * @param type the type
	 * @param <T> the type
	 * @return the converted value
	 * @throws IllegalArgumentException if the value cannot be converted
	 */
	<T> T convert(Object value, Class<T> type);

	/**
	 * Serialize one value as JSON, as server-side stores keep each attribute on its own so that
	 * concurrent changes to different attributes both survive.
	 * @param value the value
	 * @return the value as JSON text: an object, array, string, number, boolean or null
	 * @throws IllegalArgumentException if the value cannot be serialized
	 */
	String serializeValue(@Nullable Object value);

	/**
	 * Read one value written by {@link #serializeValue(Object)}.
	 * @param text the JSON text
	 * @return the value: a string, number, boolean, {@code null}, or a mutable list or map
	 * @throws IllegalArgumentException if the text is not a serialized value
	 */
	@Nullable Object deserializeValue(String text);

	/**
	 * Return the serialized size of one value, to name the largest keys of a session that is
	 * too large.
	 * @param value the value
	 * @return its size in bytes
	 */
	default int sizeOf(@Nullable Object value) {
		return serializeValue(value).getBytes(StandardCharsets.UTF_8).length;
	}

}
