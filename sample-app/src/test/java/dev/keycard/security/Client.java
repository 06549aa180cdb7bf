package dev.keycard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser-like HTTP client: one cookie jar (cookies kept per host, as browsers do), no
 * redirect followed, and every response kept, to check what each one set.
 */
final class Client {

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final List<HttpResponse<String>> responses = new ArrayList<>();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> post(String url, String form) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			this.responses.add(response);
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The value of a cookie the jar holds for a host, or null. */
	String cookie(String url, String name) {
		for (HttpCookie cookie : this.cookies.getCookieStore().get(URI.create(url))) {
			if (cookie.getName().equals(name)) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/** Every Set-Cookie a host sent, in order. */
	List<String> setCookiesFrom(String host) {
		List<String> headers = new ArrayList<>();
		for (HttpResponse<String> response : this.responses) {
			if (response.uri().getAuthority().equals(host)) {
				headers.addAll(response.headers().allValues("set-cookie"));
			}
		}
		return headers;
	}

	/** Resolve a Location against the request it answered. */
	static String location(HttpResponse<String> response) {
		return response.uri().resolve(response.headers().firstValue("location").orElseThrow()).toString();
	}

}
