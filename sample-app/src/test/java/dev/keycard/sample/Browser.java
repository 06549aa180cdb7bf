package dev.keycard.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated browser talking to the running sample application: an {@link HttpClient}
 * with its own cookie jar, which never follows redirects, so that every response can be
 * inspected. A browser made by {@link #withoutCookieJar(int)} keeps no cookies and sends only
 * the {@code Cookie} headers it is given.
 */
final class Browser {

	private static final TypeReference<Map<String, @Nullable Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final @Nullable CookieManager cookieJar;

	private final HttpClient client;

	private Browser(int port, @Nullable CookieManager cookieJar) {
		this.base = URI.create("http://localhost:" + port);
		this.cookieJar = cookieJar;
		HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
		if (cookieJar != null) {
			builder.cookieHandler(cookieJar);
		}
		this.client = builder.build();
	}

	/**
	 * Open a browser with an empty cookie jar.
	 * @param port the port of the application
	 * @return the browser
	 */
	static Browser open(int port) {
		return new Browser(port, new CookieManager());
	}

	/**
	 * Open a browser that keeps no cookies, for hand-made {@code Cookie} headers.
	 * @param port the port of the application
	 * @return the browser
	 */
	static Browser withoutCookieJar(int port) {
		return new Browser(port, null);
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	HttpResponse<String> get(String path, String cookieHeader) {
		return send(request(path).header("Cookie", cookieHeader).GET());
	}

	HttpResponse<String> post(String path) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> post(String path, String cookieHeader) {
		return send(request(path).header("Cookie", cookieHeader).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> postForm(String path, String form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Return the session as the application shows it on {@code GET /session}.
	 * @return the session values
	 */
	Map<String, @Nullable Object> session() {
		return parseJsonObject(get("/session").body());
	}

	/**
	 * Return the value of a cookie in this browser's jar.
	 * @param name the cookie name
	 * @return the value, or {@code null} if the jar holds no such cookie
	 */
	@Nullable String cookie(String name) {
		if (this.cookieJar == null) {
			return null;
		}
		List<HttpCookie> cookies = this.cookieJar.getCookieStore().get(this.base);
		return cookies.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	static Map<String, @Nullable Object> parseJsonObject(String body) {
		return JSON.readValue(body, JSON_OBJECT);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a response", ex);
		}
	}

}
