package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One {@code Set-Cookie} header as sent on the wire, split into its name, value and
 * attributes, so that tests can check what a browser would be told.
 *
 * @param header the raw header
 * @param name the cookie name
 * @param value the cookie value
 * @param attributes the attributes after the value, such as {@code Path=/} or {@code HttpOnly}
 */
record SetCookie(String header, String name, String value, List<String> attributes) {

	/**
	 * Return every {@code Set-Cookie} header of a response.
	 * @param response the response
	 * @return the headers, parsed, in the order they were sent
	 */
	static List<SetCookie> allOf(HttpResponse<?> response) {
		return response.headers().allValues("set-cookie").stream().map(SetCookie::parse).toList();
	}

	/**
	 * Return the {@code Set-Cookie} header of a response for one cookie.
	 * @param response the response
	 * @param name the cookie name
	 * @return the header, or {@code null} if the response sets no such cookie
	 */
	static @Nullable SetCookie named(HttpResponse<?> response, String name) {
		return allOf(response).stream().filter((cookie) -> cookie.name().equals(name)).findFirst().orElse(null);
	}

	static SetCookie parse(String header) {
		String[] parts = header.split(";");
		String pair = parts[0].trim();
		int equals = pair.indexOf('=');
		List<String> attributes = new ArrayList<>();
		for (int i = 1; i < parts.length; i++) {
			attributes.add(parts[i].trim());
		}
		return new SetCookie(header, pair.substring(0, equals), pair.substring(equals + 1), List.copyOf(attributes));
	}

	/**
	 * Return the value of an attribute, matched by name regardless of case.
	 * @param attributeName the attribute name, such as {@code Max-Age}
	 * @return the value, an empty string for a flag such as {@code HttpOnly}, or {@code null}
	 * if the attribute is absent
	 */
	@Nullable String attribute(String attributeName) {
		String lowerCaseName = attributeName.toLowerCase(Locale.ROOT);
		for (String attribute : this.attributes) {
			int equals = attribute.indexOf('=');
			String name = (equals >= 0) ? attribute.substring(0, equals) : attribute;
			if (name.trim().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
				return (equals >= 0) ? attribute.substring(equals + 1).trim() : "";
			}
		}
		return null;
	}

	boolean has(String attributeName) {
		return attribute(attributeName) != null;
	}

}
