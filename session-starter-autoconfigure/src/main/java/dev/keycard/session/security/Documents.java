package dev.keycard.session.security;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reading and writing the parts documents share: authorities, instants, and values made JSON.
 */
final class Documents {

	private Documents() {
	}

	/** Authorities as strings, and factors (which carry when they were proven) as small maps. */
	static List<Object> authorities(Collection<? extends GrantedAuthority> authorities) {
		List<Object> written = new ArrayList<>();
		for (GrantedAuthority authority : authorities) {
			if (authority instanceof FactorGrantedAuthority factor) {
				written.add(Map.of("factor", factor.getAuthority(), "issuedAt", factor.getIssuedAt().getEpochSecond()));
			}
			else if (authority.getAuthority() != null) {
				written.add(authority.getAuthority());
			}
		}
		return written;
	}

	static List<GrantedAuthority> authorities(@Nullable Object written) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (Object item : list(written, "authorities")) {
			if (item instanceof String authority) {
				authorities.add(new SimpleGrantedAuthority(authority));
			}
			else if (item instanceof Map<?, ?> factor) {
				authorities.add(FactorGrantedAuthority.withAuthority(string(factor.get("factor"), "factor"))
					.issuedAt(instant(factor.get("issuedAt"), "issuedAt"))
					.build());
			}
			else {
				throw new IllegalArgumentException("An authority is neither a string nor a factor");
			}
		}
		return authorities;
	}

	static String string(@Nullable Object value, String name) {
		if (value instanceof String text) {
			return text;
		}
		throw new IllegalArgumentException("'" + name + "' is not a string");
	}

	static Instant instant(@Nullable Object value, String name) {
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		throw new IllegalArgumentException("'" + name + "' is not a number of seconds");
	}

	static List<?> list(@Nullable Object value, String name) {
		if (value instanceof List<?> list) {
			return list;
		}
		throw new IllegalArgumentException("'" + name + "' is not a list");
	}

	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> map(@Nullable Object value, String name) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, @Nullable Object>) map;
		}
		throw new IllegalArgumentException("'" + name + "' is not an object");
	}

	/**
	 * Return a value as JSON values: instants as epoch seconds, URLs and URIs as strings, other
	 * objects as their text; maps and collections element by element.
	 */
	static @Nullable Object json(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
			return value;
		}
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof URL || value instanceof URI) {
			return value.toString();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			map.forEach((key, item) -> json.put(String.valueOf(key), json(item)));
			return json;
		}
		if (value instanceof Collection<?> collection) {
			List<@Nullable Object> json = new ArrayList<>();
			collection.forEach((item) -> json.add(json(item)));
			return json;
		}
		return value.toString();
	}

}
