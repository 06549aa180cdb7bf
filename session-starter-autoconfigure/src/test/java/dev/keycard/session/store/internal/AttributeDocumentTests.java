package dev.keycard.session.store.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AttributeDocument}: each attribute reads back as the very JSON text it was
 * written with, whatever the value.
 */
class AttributeDocumentTests {

	@Test
	void everyKindOfValueReadsBackAsTheTextItWasWrittenWith() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("string", "\"gordon\"");
		attributes.put("escapes", "\"quote \\\" backslash \\\\ tab \\t nul \\u0000 é ✓ \uD83D\uDE00\"");
		attributes.put("empty string", "\"\"");
		attributes.put("integer", "42");
		attributes.put("negative", "-7");
		attributes.put("decimal", "1.50");
		attributes.put("exponent", "1.0E10");
		attributes.put("true", "true");
		attributes.put("false", "false");
		attributes.put("null", "null");
		attributes.put("list", "[1,\"two\",[3,{\"four\":4}],null]");
		attributes.put("map", "{\"a\":{\"b\":[]},\"c\":\"}\"}");
		attributes.put("empty list", "[]");
		attributes.put("empty map", "{}");
		attributes.put("name with \"quotes\" and ü", "\"x\"");
		assertThat(AttributeDocument.read(AttributeDocument.write(attributes))).containsExactlyEntriesOf(attributes);
	}

	@Test
	void namesAreWrittenAsJacksonWritesThemEscapedOrNot() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("plain-name_1.x/y", "1");
		attributes.put("quote \" back \\ slash", "2");
		attributes.put("tab\tand\u0001", "3");
		attributes.put("ünïcödé ✓", "4");
		String document = AttributeDocument.write(attributes);
		StringBuilder expected = new StringBuilder("{");
		attributes.forEach((name, json) -> expected.append((expected.length() > 1) ? "," : "")
			.append(AttributeDocument.mapper().writeValueAsString(name))
			.append(':')
			.append(json));
		assertThat(document).isEqualTo(expected.append('}').toString());
		assertThat(AttributeDocument.read(document)).containsExactlyEntriesOf(attributes);
	}

	@Test
	void noAttributesIsAnEmptyObject() {
		assertThat(AttributeDocument.write(Map.of())).isEqualTo("{}");
		assertThat(AttributeDocument.read("{}")).isEmpty();
	}

	@Test
	void whitespaceAroundValuesIsLeftOutAndInsideKept() {
		assertThat(AttributeDocument.read(" { \"a\" : [1, 2] ,\n\"b\":\t\"c d\" } "))
			.containsExactly(Map.entry("a", "[1, 2]"), Map.entry("b", "\"c d\""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "\"text\"", "42", "null", "{\"a\":1}{}", "{\"a\":1} 2", "{\"a\":", "{\"a\"}",
			"{\"a\":1,}", "{a:1}" })
	void anythingButOneJsonObjectIsRefused(String document) {
		assertThatIllegalArgumentException().isThrownBy(() -> AttributeDocument.read(document));
	}

}
