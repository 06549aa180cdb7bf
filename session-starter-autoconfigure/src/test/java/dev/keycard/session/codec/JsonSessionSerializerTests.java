package dev.keycard.session.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JsonSessionSerializer}.
 */
final class JsonSessionSerializerTests {

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	@Test
	void readsBackWhatItWroteAsJsonTypes() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("string", "alice");
		values.put("int", 42);
		values.put("long", 5_000_000_000L);
		values.put("bigInteger", new BigInteger("123456789012345678901234567890"));
		values.put("double", 1.5);
		values.put("true", true);
		values.put("false", false);
		values.put("null", null);
		values.put("list", List.of(1, "two", List.of(3.5, false)));
		values.put("map", Map.of("nested", Map.of("deeper", List.of("x"))));

		Map<String, @Nullable Object> readBack = roundTrip(values);

		assertThat(readBack).containsExactlyEntriesOf(values);
		assertThat(readBack.get("int")).isExactlyInstanceOf(Integer.class);
		assertThat(readBack.get("long")).isExactlyInstanceOf(Long.class);
		assertThat(readBack.get("bigInteger")).isExactlyInstanceOf(BigInteger.class);
		assertThat(readBack.get("double")).isExactlyInstanceOf(Double.class);
		assertThat(readBack.get("true")).isExactlyInstanceOf(Boolean.class);
		assertThat(readBack.get("list")).isInstanceOf(List.class);
		assertThat(readBack.get("map")).isInstanceOf(Map.class);
	}

	@Test
	void keepsInsertionOrder() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("zebra", 1);
		values.put("apple", 2);
		values.put("mango", Map.of("only", 3));
		values.put("banana", 4);

		byte[] bytes = this.serializer.serialize(values);

		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("{\"zebra\":1,\"apple\":2,\"mango\":{\"only\":3},\"banana\":4}");
		assertThat(this.serializer.deserialize(bytes).keySet()).containsExactly("zebra", "apple", "mango", "banana");
	}

	@Test
	void readsAnEmptyObjectAsAnEmptyMap() {
		Map<String, @Nullable Object> values = this.serializer.deserialize(json("{}"));

		assertThat(values).isEmpty();
		assertThat(this.serializer.serialize(values)).asString(StandardCharsets.UTF_8).isEqualTo("{}");
	}

	@Test
	void readsIntoAMutableMap() {
		Map<String, @Nullable Object> values = this.serializer.deserialize(json("{\"a\":1}"));

		values.put("b", 2);

		assertThat(values).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1,2]", "[]", "42", "1.5", "true", "\"text\"", "\"\"", "null", "garbage", "{\"a\":",
			"{\"a\":1}{\"b\":2}", "", "   " })
	void refusesDataThatIsNotOneJsonObject(String data) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.deserialize(json(data)))
			.withMessageStartingWith("Session data is");
	}

	@Test
	void readsADocumentNestedToTheMaximumDepth() {
		byte[] document = nestedDocument(JsonSessionSerializer.MAX_NESTING_DEPTH);

		Map<String, @Nullable Object> values = this.serializer.deserialize(document);

		assertThat(values).containsOnlyKeys("a");
	}

	@Test
	void refusesADocumentNestedDeeperThanTheMaximumDepth() {
		byte[] document = nestedDocument(JsonSessionSerializer.MAX_NESTING_DEPTH + 1);

		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.deserialize(document))
			.withMessageContaining("nesting depth");
	}

	@Test
	void refusesADocumentNestedFarDeeperThanTheMaximumDepth() {
		byte[] document = nestedDocument(100_000);

		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.deserialize(document))
			.withMessageContaining("nesting depth");
	}

	@Test
	void writesWhatItCanReadAtTheMaximumDepth() {
		Map<String, @Nullable Object> values = Map.of("a", nestedLists(JsonSessionSerializer.MAX_NESTING_DEPTH - 1));

		byte[] bytes = this.serializer.serialize(values);

		assertThat(bytes).isEqualTo(nestedDocument(JsonSessionSerializer.MAX_NESTING_DEPTH));
		assertThat(this.serializer.deserialize(bytes)).isEqualTo(values);
	}

	@Test
	void refusesToWriteAValueThatCannotBeSerializedNamingItsKey() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("fine", "value");
		values.put("broken", new FailingGetter());

		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize(values))
			.withMessageContaining("'broken'")
			.withMessageContaining(FailingGetter.class.getName())
			.withMessageNotContaining("'fine'");
	}

	@Test
	void refusesToWriteAValueNestedTooDeeplyNamingItsKey() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("fine", "value");
		values.put("deep", nestedLists(JsonSessionSerializer.MAX_NESTING_DEPTH));

		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serialize(values))
			.withMessageContaining("nesting depth")
			.withMessageContaining("'deep'");
	}

	@Test
	void convertsAStoredMapToARecord() {
		Map<String, @Nullable Object> stored = this.serializer
			.deserialize(json("{\"cart\":{\"id\":\"c1\",\"items\":3}}"));

		Cart cart = this.serializer.convert(stored.get("cart"), Cart.class);

		assertThat(cart).isEqualTo(new Cart("c1", 3));
	}

	@Test
	void refusesToConvertAValueThatDoesNotFitTheType() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.convert(Map.of("id", List.of(1)), Cart.class))
			.withMessageStartingWith("Session value cannot be read as " + Cart.class.getName());
	}

	@Test
	void readsATypeNameInAnArrayAsPlainData() {
		Map<String, @Nullable Object> values = this.serializer
			.deserialize(json("{\"a\":[\"java.util.ArrayList\",[1]],\"b\":[\"java.lang.ProcessBuilder\",[\"x\"]]}"));

		assertThat(values).containsExactly(Map.entry("a", List.of("java.util.ArrayList", List.of(1))),
				Map.entry("b", List.of("java.lang.ProcessBuilder", List.of("x"))));
		assertThat(values.get("a")).isInstanceOf(List.class);
		assertThat(((List<?>) values.get("a")).get(0)).isInstanceOf(String.class);
	}

	@Test
	void readsAClassPropertyAsPlainData() {
		Map<String, @Nullable Object> values = this.serializer
			.deserialize(json("{\"x\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]},"
					+ "\"@class\":\"java.lang.ProcessBuilder\"}"));

		assertThat(values.get("x")).isInstanceOf(Map.class)
			.isEqualTo(Map.of("@class", "java.lang.ProcessBuilder", "command", List.of("id")));
		assertThat(values.get("@class")).isEqualTo("java.lang.ProcessBuilder");
	}

	@Test
	void appliesACustomizerThatAddsAModule() {
		SimpleModule moneyModule = new SimpleModule().addSerializer(Money.class, new MoneySerializer());
		SessionJsonMapperCustomizer customizer = (builder) -> builder.addModule(moneyModule);
		JsonMapper.Builder builder = JsonSessionSerializer.defaultMapperBuilder();
		customizer.customize(builder);
		JsonSessionSerializer customized = new JsonSessionSerializer(builder.build());

		byte[] bytes = customized.serialize(Map.of("price", new Money("12.50", "EUR")));

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"price\":\"12.50 EUR\"}");
	}

	@Test
	void appliesACustomizerThatEnablesAFeature() {
		SessionJsonMapperCustomizer customizer = (builder) -> builder
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
		JsonMapper.Builder builder = JsonSessionSerializer.defaultMapperBuilder();
		customizer.customize(builder);
		JsonSessionSerializer customized = new JsonSessionSerializer(builder.build());
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("b", 1);
		values.put("a", 2);

		byte[] bytes = customized.serialize(values);

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":1}");
	}

	@Test
	void keepsItsLimitsWhenCustomized() {
		JsonMapper.Builder builder = JsonSessionSerializer.defaultMapperBuilder();
		builder.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
		JsonSessionSerializer customized = new JsonSessionSerializer(builder.build());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> customized.deserialize(nestedDocument(JsonSessionSerializer.MAX_NESTING_DEPTH + 1)))
			.withMessageContaining("nesting depth");
	}

	@Test
	void measuresTheSizeOfOneValueInUtf8Bytes() {
		int size = this.serializer.sizeOf(List.of("abc", "\u00e9"));

		assertThat(size).isEqualTo("[\"abc\",\"\u00e9\"]".getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void readsBackOneValueItWrote() {
		Map<String, @Nullable Object> value = new LinkedHashMap<>();
		value.put("count", 3);
		value.put("tags", List.of("a", "b"));
		value.put("none", null);

		String text = this.serializer.serializeValue(value);

		assertThat(text).isEqualTo("{\"count\":3,\"tags\":[\"a\",\"b\"],\"none\":null}");
		assertThat(this.serializer.deserializeValue(text)).isEqualTo(value);
		assertThat(this.serializer.deserializeValue("\"text\"")).isEqualTo("text");
		assertThat(this.serializer.deserializeValue("null")).isNull();
	}

	@Test
	void readsOneValueNamingATypeAsPlainData() {
		Object value = this.serializer
			.deserializeValue("[\"java.lang.ProcessBuilder\",{\"@class\":\"java.lang.ProcessBuilder\"}]");

		assertThat(value).isEqualTo(List.of("java.lang.ProcessBuilder", Map.of("@class", "java.lang.ProcessBuilder")));
	}

	@Test
	void refusesOneValueNestedDeeperThanTheMaximumDepth() {
		String text = "[".repeat(JsonSessionSerializer.MAX_NESTING_DEPTH + 1)
				+ "]".repeat(JsonSessionSerializer.MAX_NESTING_DEPTH + 1);

		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.deserializeValue(text))
			.withMessageContaining("nesting depth");
	}

	@Test
	void refusesToWriteOneValueThatCannotBeSerialized() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.serializeValue(new FailingGetter()))
			.withMessageContaining(FailingGetter.class.getName());
	}

	private Map<String, @Nullable Object> roundTrip(Map<String, @Nullable Object> values) {
		return this.serializer.deserialize(this.serializer.serialize(values));
	}

	private static byte[] json(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	/** An object holding arrays, {@code depth} containers deep in all. */
	private static byte[] nestedDocument(int depth) {
		char[] opening = new char[depth - 1];
		char[] closing = new char[depth - 1];
		Arrays.fill(opening, '[');
		Arrays.fill(closing, ']');
		return json("{\"a\":" + new String(opening) + "1" + new String(closing) + "}");
	}

	/** Lists {@code depth} deep around the number 1. */
	private static Object nestedLists(int depth) {
		Object value = 1;
		for (int i = 0; i < depth; i++) {
			List<Object> list = new ArrayList<>();
			list.add(value);
			value = list;
		}
		return value;
	}

	record Cart(String id, int items) {
	}

	record Money(String amount, String currency) {
	}

	static final class FailingGetter {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	static final class MoneySerializer extends StdSerializer<Money> {

		MoneySerializer() {
			super(Money.class);
		}

		@Override
		public void serialize(Money value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.amount() + " " + value.currency());
		}

	}

}
