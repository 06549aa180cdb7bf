package dev.keycard.session.web;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code User-Agent} header into what a device list shows, such as "Chrome on
 * Windows": the browser family and the operating system, never the versions or anything else
 * that would make the string a fingerprint. Anything unrecognised is "Unknown browser"; the
 * header itself is never stored.
 */
final class UserAgentSummary {

	/** Longer headers are read up to here: the tokens that matter come first. */
	private static final int MAX_READ = 512;

	/** Checked in order: Edge and Opera also say Chrome, Chrome also says Safari. */
	private static final List<Family> BROWSERS = List.of(new Family("Edg/", "Edge"), new Family("OPR/", "Opera"),
			new Family("SamsungBrowser/", "Samsung Internet"), new Family("Chrome/", "Chrome"),
			new Family("CriOS/", "Chrome"), new Family("Firefox/", "Firefox"), new Family("FxiOS/", "Firefox"),
			new Family("Safari/", "Safari"));

	/** Checked in order: Android says Linux, iOS says Mac OS X. */
	private static final List<Family> SYSTEMS = List.of(new Family("Windows", "Windows"),
			new Family("Android", "Android"), new Family("iPhone", "iOS"), new Family("iPad", "iPadOS"),
			new Family("CrOS", "ChromeOS"), new Family("Mac OS X", "macOS"), new Family("Linux", "Linux"));

	private static final List<Family> CLIENTS = List.of(new Family("curl/", "curl"),
			new Family("Java-http-client", "Java HttpClient"), new Family("okhttp", "OkHttp"),
			new Family("python-requests", "Python requests"), new Family("PostmanRuntime", "Postman"));

	private UserAgentSummary() {
	}

	/**
	 * Summarize a header.
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @return the summary, or {@code null} if there was no header
	 */
	static @Nullable String of(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return null;
		}
		String header = (userAgent.length() > MAX_READ) ? userAgent.substring(0, MAX_READ) : userAgent;
		String client = first(CLIENTS, header);
		if (client != null) {
			return client;
		}
		String browser = first(BROWSERS, header);
		String system = first(SYSTEMS, header);
		if (browser == null) {
			return (system != null) ? "Unknown browser on " + system : "Unknown browser";
		}
		return (system != null) ? browser + " on " + system : browser;
	}

	private static @Nullable String first(List<Family> families, String header) {
		String lowerCase = header.toLowerCase(Locale.ROOT);
		for (Family family : families) {
			if (lowerCase.contains(family.token().toLowerCase(Locale.ROOT))) {
				return family.name();
			}
		}
		return null;
	}

	private record Family(String token, String name) {
	}

}
