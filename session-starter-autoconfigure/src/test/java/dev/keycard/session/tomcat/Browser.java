package dev.keycard.session.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Plays a browser against a server on a port: keeps the session cookie between requests, as
 * its {@code Set-Cookie} says, and follows no redirect.
 */
final class Browser {

	private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	private @Nullable String cookie;

	private final List<String> setCookies = new ArrayList<>();

	Browser(int port) {
		this.port = port;
	}

	@Nullable String cookie() {
		return this.cookie;
	}

	/** Every {@code Set-Cookie} header this browser received, in order. */
	List<String> setCookies() {
		return List.copyOf(this.setCookies);
	}

	HttpResponse<String> get(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "application/json, text/plain, */*");
		if (this.cookie != null) {
			request.header("Cookie", "session=" + this.cookie);
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			keepSessionCookie(response.headers().allValues("Set-Cookie"));
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

	private void keepSessionCookie(List<String> setCookies) {
		this.setCookies.addAll(setCookies);
		for (String header : setCookies) {
			if (header.startsWith("session=")) {
				String value = header.substring("session=".length(), header.indexOf(';'));
				this.cookie = (value.isEmpty() || header.contains("Max-Age=0")) ? null : value;
			}
		}
	}

}
