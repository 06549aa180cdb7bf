package dev.keycard.session.web;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a Keycard session keeps as it is, so that a later request reads back an equal value:
 * strings, booleans, numbers JSON reads back as the same type, {@code null}, and lists and maps
 * with string keys of those.
 */
final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Return the first part of a value that is not a JSON value, or {@code null} if it is one.
	 * @param value the value
	 * @return the offending part
	 */
	static @Nullable Object firstNonJson(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Double || value instanceof BigInteger) {
			return null;
		}
		if (value instanceof List<?> list) {
			for (Object item : list) {
				Object offending = firstNonJson(item);
				if (offending != null) {
					return offending;
				}
			}
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String)) {
					return entry.getKey();
				}
				Object offending = firstNonJson(entry.getValue());
				if (offending != null) {
					return offending;
				}
			}
			return null;
		}
		return value;
	}

}
