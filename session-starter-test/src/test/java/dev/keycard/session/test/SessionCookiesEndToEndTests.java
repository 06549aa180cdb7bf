package dev.keycard.session.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Session cookies made and read back by an end-to-end test over a real socket, with Java's
 * {@code HttpClient}.
 */
@SpringBootTest(classes = VisitsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionCookiesEndToEndTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void cookieMadeForATestIsTheApplicationsOwnAndItsAnswerIsReadBack() throws Exception {
		SessionCookies cookies = SessionCookies.of(this.context);
		HttpResponse<String> response = send("/visits", cookies.cookieHeader((session) -> session.put("count", 41)));
		assertThat(response.body()).isEqualTo("You have visited 42 times");
		assertThat(cookies.read(response.headers().allValues("Set-Cookie"))).containsEntry("count", 42);
	}

	@Test
	void expiredCookieReadsAsAnEmptySession() throws Exception {
		SessionCookies cookies = SessionCookies.of(this.context);
		HttpResponse<String> response = send("/sign-out", cookies.cookieHeader((session) -> session.put("officer", "gordon")));
		assertThat(response.body()).isEqualTo("signed out");
		assertThat(cookies.read(response.headers().allValues("Set-Cookie"))).isEmpty();
	}

	@Test
	void tamperedCookieReadsAsAnEmptySession() {
		SessionCookies cookies = SessionCookies.of(this.context);
		String value = cookies.cookieValue((session) -> session.put("officer", "gordon"));
		assertThat(value).isNotNull();
		assertThat(cookies.read(value)).containsEntry("officer", "gordon");
		assertThat(cookies.read(value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A"))).isEmpty();
	}

	@Test
	void responseWithoutASessionCookieIsAClearError() throws Exception {
		SessionCookies cookies = SessionCookies.of(this.context);
		HttpResponse<String> response = send("/officer", cookies.cookieHeader((session) -> session.put("officer", "gordon")));
		assertThat(response.body()).isEqualTo("gordon");
		assertThatIllegalArgumentException().isThrownBy(() -> cookies.read(response.headers().allValues("Set-Cookie")))
			.withMessageContaining("No Set-Cookie of the session cookie 'session'");
		assertThatIllegalArgumentException().isThrownBy(() -> cookies.cookieHeader((session) -> {
		})).withMessageContaining("empty");
	}

	private HttpResponse<String> send(String path, String cookie) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Cookie", cookie)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
