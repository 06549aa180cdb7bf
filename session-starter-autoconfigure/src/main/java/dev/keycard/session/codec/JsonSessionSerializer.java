package dev.keycard.session.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Serializes session values as a JSON object with a Jackson 3 {@link JsonMapper} that has no
 * default typing, and limits on what it reads, so that a hostile document is refused quickly
 * and with bounded memory.
 */
public final class JsonSessionSerializer implements SessionSerializer {

	/** Deepest nesting read or written. */
	public static final int MAX_NESTING_DEPTH = 32;

	/** Largest document read, in bytes. */
	public static final int MAX_DOCUMENT_LENGTH = 1024 * 1024;

	private static final TypeReference<LinkedHashMap<String, @Nullable Object>> VALUES = new TypeReference<>() {
	};

	private final JsonMapper mapper;

	/** Readers and the writer resolved once: resolving a type costs more than reading a small session. */
	private final ObjectReader valuesReader;

	private final ObjectReader valueReader;

	private final ObjectWriter writer;

	/**
	 * Create a serializer with Keycard's default mapper.
	 */
	public JsonSessionSerializer() {
		this(defaultMapperBuilder().build());
	}

	/**
	 * Create a serializer with the given mapper, which should come from
	 * {@link #defaultMapperBuilder()}.
	 * @param mapper the mapper
	 */
	public JsonSessionSerializer(JsonMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
		this.valuesReader = mapper.readerFor(VALUES);
		this.valueReader = mapper.readerFor(Object.class);
		this.writer = mapper.writer();
	}

	/**
	 * Return a builder for Keycard's default mapper: limits on nesting, document, string and
	 * number sizes, buffers recycled per platform thread and in a pool of Keycard's own for
	 * virtual threads (a session is read and written on every request: buffers per virtual
	 * thread would be buffers per request, and a shared pool costs platform threads contention),
	 * and nothing else changed from Jackson's defaults.
	 * @return a new builder
	 */
	public static JsonMapper.Builder defaultMapperBuilder() {
		return defaultMapperBuilder(MAX_NESTING_DEPTH);
	}

	/**
	 * Return a builder for Keycard's default mapper that reads and writes documents nested
	 * deeper than session values may be, for stores that wrap the values in levels of their
	 * own: a value that could be saved must be read back.
	 * @param maxNestingDepth the deepest nesting read or written
	 * @return a new builder
	 */
	public static JsonMapper.Builder defaultMapperBuilder(int maxNestingDepth) {
		JsonFactory factory = JsonFactory.builder()
			.recyclerPool(new ThreadAwareRecyclerPool())
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(maxNestingDepth)
				.maxDocumentLength(MAX_DOCUMENT_LENGTH)
				.maxStringLength(MAX_DOCUMENT_LENGTH)
				.maxNameLength(1024)
				.maxNumberLength(256)
				.build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth).build())
			.build();
		return JsonMapper.builder(factory);
	}

	@Override
	public byte[] serialize(Map<String, @Nullable Object> values) {
		try {
			return this.writer.writeValueAsBytes(values);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Session values cannot be written as JSON: " + describeKey(values, ex)
					+ ". Store strings, numbers, booleans, lists, maps, records or POJOs.", ex);
		}
	}

	@Override
	public Map<String, @Nullable Object> deserialize(byte[] bytes) {
		try {
			LinkedHashMap<String, @Nullable Object> values = this.valuesReader.readValue(bytes);
			if (values == null) {
				throw new IllegalArgumentException("Session data is JSON null, not an object");
			}
			return values;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Session data is not a JSON object: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String serializeValue(@Nullable Object value) {
		try {
			return this.writer.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Session value" + ((value != null) ? " of " + value.getClass().getName() : "")
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public @Nullable Object deserializeValue(String text) {
		try {
			return this.valueReader.readValue(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Session value is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public <T> T convert(Object value, Class<T> type) {
		try {
			return this.mapper.convertValue(value, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Session value cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private String describeKey(Map<String, @Nullable Object> values, JacksonException ex) {
		for (Map.Entry<String, @Nullable Object> entry : values.entrySet()) {
			try {
				// Inside a map, as in the session, so that a depth limit is hit the same way.
				this.mapper.writeValueAsBytes(Collections.singletonMap(entry.getKey(), entry.getValue()));
			}
			catch (JacksonException entryFailure) {
				Object value = entry.getValue();
				return "the value of '" + entry.getKey() + "'"
						+ ((value != null) ? " (" + value.getClass().getName() + ")" : "") + " failed with "
						+ entryFailure.getOriginalMessage();
			}
		}
		return ex.getOriginalMessage();
	}

}
