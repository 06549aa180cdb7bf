package dev.keycard.session.web;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Keeps shared caches from storing, or serving to someone else, a response that sets a cookie
 * of the session: {@code Vary: Cookie} and {@code Cache-Control: private}, kept with what the
 * application set, {@code public} excepted.
 */
final class PrivateResponse {

	private PrivateResponse() {
	}

	static void mark(HttpServletResponse response) {
		Collection<String> vary = response.getHeaders(HttpHeaders.VARY);
		if (!containsToken(vary, "Cookie") && !containsToken(vary, "*")) {
			response.addHeader(HttpHeaders.VARY, "Cookie");
		}
		String cacheControl = response.getHeader(HttpHeaders.CACHE_CONTROL);
		if (cacheControl == null || cacheControl.isBlank()) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
		}
		else if (!containsToken(List.of(cacheControl), "private") && !containsToken(List.of(cacheControl), "no-store")) {
			String withoutPublic = cacheControl.replaceAll("(?i)\\bpublic\\b\\s*,?\\s*", "").trim();
			response.setHeader(HttpHeaders.CACHE_CONTROL,
					withoutPublic.isEmpty() ? "private" : "private, " + withoutPublic);
		}
	}

	private static boolean containsToken(Collection<String> headerValues, String token) {
		for (String value : headerValues) {
			for (String part : value.split(",")) {
				String name = part.trim();
				int equals = name.indexOf('=');
				if ((equals >= 0 ? name.substring(0, equals) : name).trim().equalsIgnoreCase(token)) {
					return true;
				}
			}
		}
		return false;
	}

}
