package dev.keycard.session.store.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.store.SessionStore;

/**
 * Writes a session's attributes, each already JSON, as one JSON object, and reads them back,
 * for stores that keep a session in one document (memory, file, JDBC). Reading applies the
 * same size limits as every other JSON Keycard reads, and the same depth limit to each value.
 */
public final class AttributeDocument {

	/**
	 * Levels that documents add around a value: the attributes object, and the object of a
	 * store that keeps more than the attributes (a session file).
	 */
	private static final int WRAPPER_LEVELS = 2;

	private static final JsonMapper MAPPER = JsonSessionSerializer
		.defaultMapperBuilder(JsonSessionSerializer.MAX_NESTING_DEPTH + WRAPPER_LEVELS)
		.build();

	private AttributeDocument() {
	}

	/**
	 * Write attributes as a JSON object.
	 * @param attributes JSON text by name
	 * @return the JSON object
	 */
	public static String write(Map<String, String> attributes) {
		StringBuilder document = new StringBuilder(64 + attributes.size() * 32).append('{');
		attributes.forEach((name, json) -> {
			if (document.length() > 1) {
				document.append(',');
			}
			appendName(document, name).append(':').append(json);
		});
		return document.append('}').toString();
	}

	/** A name as a JSON string: as it is when nothing in it needs escaping, as nearly all are. */
	private static StringBuilder appendName(StringBuilder document, String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				return document.append(MAPPER.writeValueAsString(name));
			}
		}
		return document.append('"').append(name).append('"');
	}

	/**
	 * Read attributes written by {@link #write(Map)}.
	 * @param document the JSON object
	 * @return JSON text by name, in document order
	 * @throws IllegalArgumentException if the document is not a JSON object
	 */
	public static Map<String, String> read(String document) {
		// Each value is cut out of the document as it was written, not parsed into a tree and
		// written again: this runs on every load and every save of a memory or JDBC session.
		try (JsonParser parser = MAPPER.createParser(document)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Stored session attributes are not a JSON object");
			}
			Map<String, String> attributes = new LinkedHashMap<>();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken value = parser.nextToken();
				int start = (int) parser.currentTokenLocation().getCharOffset();
				if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					parser.skipChildren();
				}
				else {
					parser.finishToken();
				}
				int end = (int) parser.currentLocation().getCharOffset();
				attributes.put(name, document.substring(start, end));
			}
			if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
				throw new IllegalArgumentException("Stored session attributes are not one JSON object");
			}
			return attributes;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Stored session is not a JSON object: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Read attributes from a JSON object already parsed.
	 * @param object the JSON object
	 * @return JSON text by name, in document order
	 * @throws IllegalArgumentException if the node is not a JSON object
	 */
	public static Map<String, String> read(JsonNode object) {
		if (object == null || !object.isObject()) {
			throw new IllegalArgumentException("Stored session attributes are not a JSON object");
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			attributes.put(property.getKey(), MAPPER.writeValueAsString(property.getValue()));
		}
		return attributes;
	}

	/**
	 * Return the principal a session's attributes name, for stores that keep a principal index.
	 * @param attributes JSON text by name
	 * @return the {@value SessionStore#PRINCIPAL_ATTRIBUTE} attribute as a string, or
	 * {@code null} if there is none or it is not a JSON string
	 */
	public static @Nullable String principalOf(Map<String, String> attributes) {
		String json = attributes.get(SessionStore.PRINCIPAL_ATTRIBUTE);
		if (json == null) {
			return null;
		}
		try {
			JsonNode value = MAPPER.readTree(json);
			return value.isString() ? value.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Return the mapper used for documents, for stores that read and write a wrapper around
	 * the attributes.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
