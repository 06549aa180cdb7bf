package dev.keycard.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Like an API client, it sends no {@code Accept} header unless made by
 * {@link #askingForHtml(int)}, and it proves each state-changing request with the session's
 * CSRF token once it has one: read it with {@link #fetchCsrfToken()} (again after signing in,
 * which renews it), or give it with {@link #useCsrfToken(String)}.
 */
final class Browser {

	/** What Chromium asks for when it opens a page or submits a form. */
	static final String HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final TypeReference<Map<String, @Nullable Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final @Nullable CookieManager cookieJar;

	private final HttpClient client;

	private final @Nullable String accept;

	private @Nullable String csrfToken;

	private @Nullable String userAgent;

	private Browser(int port, @Nullable CookieManager cookieJar, @Nullable String accept) {
		this.base = URI.create("http://localhost:" + port);
		this.cookieJar = cookieJar;
		this.accept = accept;
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
		return new Browser(port, new CookieManager(), null);
	}

	/**
	 * Open a browser with an empty cookie jar that asks for HTML, as a web browser does.
	 * @param port the port of the application
	 * @return the browser
	 */
	static Browser askingForHtml(int port) {
		return new Browser(port, new CookieManager(), HTML_ACCEPT);
	}

	/**
	 * Open a browser that keeps no cookies, for hand-made {@code Cookie} headers.
	 * @param port the port of the application
	 * @return the browser
	 */
	static Browser withoutCookieJar(int port) {
		return new Browser(port, null, null);
	}

	/**
	 * Read the session's CSRF token from {@code GET /csrf}, which creates it if needed, and
	 * send it with every later state-changing request.
	 * @return the token
	 */
	String fetchCsrfToken() {
		HttpResponse<String> response = get("/csrf");
		if (response.statusCode() != 200 || !(parseJsonObject(response.body()).get("token") instanceof String token)) {
			throw new IllegalStateException("GET /csrf answered " + response.statusCode() + ": " + response.body());
		}
		this.csrfToken = token;
		return token;
	}

	/**
	 * Send this CSRF token with every later state-changing request.
	 * @param csrfToken the token, or {@code null} to send none
	 */
	void useCsrfToken(@Nullable String csrfToken) {
		this.csrfToken = csrfToken;
	}

	/**
	 * Sign in with the sample's password, through Spring Security's form login, with the
	 * session's CSRF token (read first if this browser has none). Signing in renews the token:
	 * read it again before the next state-changing request.
	 * @param name the officer's name
	 * @return the response: {@code 303} to the dashboard, or back to the request sign-in
	 * interrupted
	 */
	HttpResponse<String> signIn(String name) {
		if (this.csrfToken == null) {
			fetchCsrfToken();
		}
		return postForm("/login", "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
				+ OfficerAuthenticationProvider.PASSWORD);
	}

	/**
	 * Return who is signed in, as {@code GET /me} says.
	 * @return the officer's name, or {@code null} if this browser is anonymous (401)
	 */
	@Nullable String signedIn() {
		HttpResponse<String> me = get("/me");
		if (me.statusCode() == 401 || me.statusCode() == 302) {
			return null;
		}
		if (me.statusCode() != 200) {
			throw new IllegalStateException("GET /me answered " + me.statusCode() + ": " + me.body());
		}
		return (String) parseJsonObject(me.body()).get("name");
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	HttpResponse<String> get(String path, String cookieHeader) {
		return send(request(path).header("Cookie", cookieHeader).GET());
	}

	HttpResponse<String> post(String path) {
		return send(postRequest(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> post(String path, String cookieHeader) {
		return send(postRequest(path).header("Cookie", cookieHeader).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> delete(String path) {
		return send(postRequest(path).DELETE());
	}

	HttpResponse<String> postForm(String path, String form) {
		return send(postRequest(path).header("Content-Type", "application/x-www-form-urlencoded")
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
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path));
		if (this.accept != null) {
			request.header("Accept", this.accept);
		}
		if (this.userAgent != null) {
			request.header("User-Agent", this.userAgent);
		}
		return request;
	}

	/**
	 * Send a {@code User-Agent} header of a real browser from now on.
	 * @param userAgent the header
	 * @return this browser
	 */
	Browser as(String userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	static List<Map<String, @Nullable Object>> parseJsonArray(String body) {
		return JSON.readValue(body, new TypeReference<List<Map<String, @Nullable Object>>>() {
		});
	}

	private HttpRequest.Builder postRequest(String path) {
		HttpRequest.Builder request = request(path);
		if (this.csrfToken != null) {
			request.header("X-CSRF-Token", this.csrfToken);
		}
		return request;
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
