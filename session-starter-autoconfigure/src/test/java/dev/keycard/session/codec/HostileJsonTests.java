package dev.keycard.session.codec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.file.FileSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostile JSON on every path that reads it: a cookie's payload, one stored attribute, a stored
 * document (memory and JDBC stores) and a session file. Deeply nested or huge documents are
 * refused with an {@link IllegalArgumentException} (or, from a store, as a missing session) by
 * the reader's limits, with bounded memory, never with a {@link StackOverflowError} or an
 * {@link OutOfMemoryError}; type names in the data stay plain data, and no production class
 * turns polymorphic typing on. What the session manager makes of such data, a new empty
 * session, is shown by {@code SessionCookieFuzzTests}.
 */
class HostileJsonTests {

	/**
	 * Bytes a refusal may allocate, whatever the size of the input: half of the smallest hostile
	 * input, so that a reader that took the whole of it in would fail. (How fast a refusal is,
	 * is measured by benchmarks, not asserted by a test.)
	 */
	private static final long BOUNDED_MEMORY = 8 * 1024 * 1024;

	private static final int HUGE = 16 * 1024 * 1024;

	private static final JsonSessionSerializer SERIALIZER = new JsonSessionSerializer();

	@TempDir
	Path directory;

	static Stream<Arguments> hostileDocuments() {
		return Stream.of(Arguments.of("nested a million times", "{\"a\":" + "[".repeat(1_000_000)),
				Arguments.of("nested a million times, closed", "{\"a\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}"),
				Arguments.of("objects nested a million times", "{\"a\":" + "{\"a\":".repeat(1_000_000)),
				Arguments.of("a 16 MB string", "{\"a\":\"" + "x".repeat(HUGE) + "\"}"),
				Arguments.of("a 16 MB number", "{\"a\":" + "9".repeat(HUGE) + "}"),
				Arguments.of("a 16 MB name", "{\"" + "k".repeat(HUGE) + "\":1}"),
				Arguments.of("a number of 100,000 digits", "{\"a\":" + "9".repeat(100_000) + "}"),
				Arguments.of("a name of 2,000 characters", "{\"" + "k".repeat(2_000) + "\":1}"),
				Arguments.of("16 MB of whitespace", "{" + " ".repeat(HUGE) + "}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileDocuments")
	void cookiePayloadIsRefusedWithBoundedMemory(String description, String document) {
		byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
		assertRefusedWithBoundedMemory(() -> SERIALIZER.deserialize(bytes));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileDocuments")
	void storedAttributeIsRefusedWithBoundedMemory(String description, String document) {
		String value = document.substring("{\"a\":".length());
		assertRefusedWithBoundedMemory(() -> SERIALIZER.deserializeValue(value));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileDocuments")
	void storedDocumentIsRefusedWithBoundedMemory(String description, String document) {
		assertRefusedWithBoundedMemory(() -> AttributeDocument.read(document));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileDocuments")
	void sessionFileIsReadAsNoSessionWithBoundedMemory(String description, String attributes)
			throws IOException {
		FileSessionStore store = new FileSessionStore(this.directory, Clock.systemUTC());
		String key = SessionIdCodec.storeKey(new byte[SessionIdCodec.ID_LENGTH]);
		long expiresAt = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
		Files.writeString(this.directory.resolve(key + ".json"),
				"{\"createdAt\":0,\"expiresAt\":" + expiresAt + ",\"attributes\":" + attributes + "}");
		long allocatedBefore = allocatedBytes();
		assertThat(store.load(key)).isNull();
		assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated").isLessThan(BOUNDED_MEMORY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]}",
			"{\"@type\":\"java.net.URL\",\"val\":\"http://localhost/\"}", "{\"@c\":\".ProcessBuilder\"}",
			"{\"$type\":\"System.Diagnostics.Process\"}", "[\"java.util.HashMap\",{\"a\":1}]",
			"[\"java.lang.ProcessBuilder\",[\"id\"]]", "{\"java.util.HashMap\":{\"a\":1}}",
			"[\"[Ljava.lang.Object;\",[1]]", "{\"@class\":\"java.util.concurrent.atomic.AtomicBoolean\"}",
			"[\"com.sun.rowset.JdbcRowSetImpl\",{\"dataSourceName\":\"ldap://localhost/x\",\"autoCommit\":true}]" })
	void typeNamesStayPlainDataOnEveryPath(String typed) {
		assertPlainData(SERIALIZER.deserialize(("{\"v\":" + typed + "}").getBytes(StandardCharsets.UTF_8)));
		assertPlainData(SERIALIZER.deserializeValue(typed));
		Object read = SERIALIZER.deserializeValue(typed);
		assertPlainData(SERIALIZER.convert(read, Object.class));
		assertPlainData(AttributeDocument.read("{\"v\":" + typed + "}"));
	}

	@Test
	void keycardsMapperHasNoDefaultTyping() {
		JsonMapper mapper = JsonSessionSerializer.defaultMapperBuilder().build();
		assertThat(mapper.deserializationConfig().getDefaultTyper(mapper.constructType(Object.class))).isNull();
		assertThat(mapper.serializationConfig().getDefaultTyper(mapper.constructType(Object.class))).isNull();
		JsonMapper documents = AttributeDocument.mapper();
		assertThat(documents.deserializationConfig().getDefaultTyper(documents.constructType(Object.class))).isNull();
	}

	@Test
	void noProductionClassTurnsOnPolymorphicTypingOrJavaSerialization() throws IOException {
		List<String> forbidden = List.of("activateDefaultTyping", "enableDefaultTyping", "DefaultTyping",
				"setDefaultTyping", "JsonTypeInfo", "JsonSubTypes", "PolymorphicTypeValidator", "TypeResolverBuilder",
				"ObjectInputStream", "readObject(", "XMLDecoder", "SerializationUtils");
		List<Path> sources;
		try (Stream<Path> files = Files.walk(Path.of("..").toRealPath())) {
			sources = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> file.toString().contains("/src/main/java/"))
				.toList();
		}
		assertThat(sources).as("production sources found").anyMatch((file) -> file.endsWith("JsonSessionSerializer.java"));
		List<String> uses = new ArrayList<>();
		for (Path source : sources) {
			String text = Files.readString(source);
			for (String api : forbidden) {
				if (text.contains(api)) {
					uses.add(source + " uses " + api);
				}
			}
		}
		assertThat(uses).isEmpty();
	}

	private static void assertRefusedWithBoundedMemory(Runnable read) {
		long allocatedBefore = allocatedBytes();
		Throwable thrown = catchThrowable(read::run);
		long allocated = allocatedBytes() - allocatedBefore;
		assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
		assertThat(allocated).as("bytes allocated").isLessThan(BOUNDED_MEMORY);
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	/** Only what JSON gives: maps, lists, strings, numbers, booleans and nulls. */
	private static void assertPlainData(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			assertThat(map.getClass().getName()).isIn("java.util.LinkedHashMap");
			map.forEach((key, entry) -> {
				assertThat(key).isInstanceOf(String.class);
				assertPlainData(entry);
			});
		}
		else if (value instanceof List<?> list) {
			assertThat(list).isInstanceOf(ArrayList.class);
			list.forEach(HostileJsonTests::assertPlainData);
		}
		else if (value != null) {
			assertThat(value.getClass()).isIn(String.class, Integer.class, Long.class, BigInteger.class, Double.class,
					BigDecimal.class, Boolean.class);
		}
	}

}
