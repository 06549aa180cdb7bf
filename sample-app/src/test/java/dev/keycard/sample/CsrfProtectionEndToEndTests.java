package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the sample application's CSRF protection: every state-changing request,
 * to whatever route, must carry the session's token, and one that does not is answered with
 * 403 before its handler runs, so that it changes nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CsrfProtectionEndToEndTests {

	/** Looks like a token, 32 random bytes in Base64url, but is no session's. */
	private static final String FORGED_TOKEN = "Tn9ZbU1cL8xQe3VrK5wHs2DpG7aMf4YjR0oEi6NtB1c";

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowserWithASession() {
		this.browser = Browser.open(this.port);
		this.browser.get("/visits");
		this.browser.fetchCsrfToken();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login?username=joker", "/theme?theme=dark", "/notes?note=forged", "/logout",
			"/test/put?key=forged&value=1", "/test/clear" })
	void postWithoutATokenIsRefusedWith403AndChangesNothing(String path) {
		Map<String, @Nullable Object> before = this.browser.session();
		String cookieBefore = this.browser.cookie("session");
		this.browser.useCsrfToken(null);

		HttpResponse<String> response = this.browser.post(path);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).startsWith("Forbidden: Invalid CSRF Token 'null'");
		assertThat(SetCookie.allOf(response)).isEmpty();
		assertThat(this.browser.cookie("session")).isEqualTo(cookieBefore);
		assertThat(this.browser.session()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login?username=joker", "/theme?theme=dark", "/notes?note=forged", "/logout",
			"/test/put?key=forged&value=1", "/test/clear" })
	void postWithAWrongTokenIsRefusedWith403AndChangesNothing(String path) {
		Map<String, @Nullable Object> before = this.browser.session();
		String cookieBefore = this.browser.cookie("session");
		this.browser.useCsrfToken(FORGED_TOKEN);

		HttpResponse<String> response = this.browser.post(path);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).startsWith("Forbidden: Invalid CSRF Token");
		assertThat(SetCookie.allOf(response)).isEmpty();
		assertThat(this.browser.cookie("session")).isEqualTo(cookieBefore);
		assertThat(this.browser.session()).isEqualTo(before);
	}

	@Test
	void postWithTheTokenInTheHeaderIsAccepted() {
		HttpResponse<String> response = this.browser.post("/notes?note=checked");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.session()).containsEntry("notes", List.of("checked"));
	}

	@Test
	void postWithTheTokenInTheFormFieldIsAccepted() {
		String token = this.browser.fetchCsrfToken();
		this.browser.useCsrfToken(null);

		HttpResponse<String> response = this.browser.postForm("/notes", "note=checked&_csrf=" + token);

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.session()).containsEntry("notes", List.of("checked"));
	}

	@Test
	void tokenOfAnotherSessionIsRefused() {
		Browser other = Browser.open(this.port);
		other.fetchCsrfToken();
		other.useCsrfToken(this.browser.fetchCsrfToken());

		HttpResponse<String> response = other.post("/notes?note=forged");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(other.session()).doesNotContainKey("notes");
	}

	@Test
	void refusalIsAPageForBrowsersAndOneLineOfTextForOtherClients() {
		Browser webBrowser = Browser.askingForHtml(this.port);
		this.browser.useCsrfToken(null);

		HttpResponse<String> page = webBrowser.post("/notes?note=forged");
		HttpResponse<String> text = this.browser.post("/notes?note=forged");

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/html"));
		assertThat(page.body()).contains("<title>Request refused · Gotham PD</title>", "403 · Request refused",
				"nothing was changed");
		assertThat(text.statusCode()).isEqualTo(403);
		assertThat(text.headers().firstValue("content-type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/plain"));
		assertThat(text.body()).doesNotContain("<");
	}

	@Test
	void signingInRenewsTheTokenSoThatTheOldOneIsRefused() {
		String before = this.browser.fetchCsrfToken();
		this.browser.signIn("gordon");

		HttpResponse<String> withOldToken = this.browser.post("/notes?note=stale");
		String after = this.browser.fetchCsrfToken();
		HttpResponse<String> withNewToken = this.browser.post("/notes?note=fresh");

		assertThat(after).isNotEqualTo(before);
		assertThat(withOldToken.statusCode()).isEqualTo(403);
		assertThat(withNewToken.statusCode()).isEqualTo(303);
		assertThat(this.browser.session()).containsEntry("notes", List.of("fresh"));
	}

	@Test
	void tokenIsMaskedAfreshOnEveryAnswerAndEveryAnswerIsGoodForTheSession() {
		String first = this.browser.fetchCsrfToken();
		String second = this.browser.fetchCsrfToken();

		assertThat(first).matches("[A-Za-z0-9_=-]{60,}").isNotEqualTo(second);
		this.browser.useCsrfToken(first);
		assertThat(this.browser.post("/notes?note=first").statusCode()).isEqualTo(303);
		this.browser.useCsrfToken(second);
		assertThat(this.browser.post("/notes?note=second").statusCode()).isEqualTo(303);
		assertThat(this.browser.session()).containsEntry("notes", List.of("first", "second"));
	}

	@Test
	void apiRoutesNeverPutATokenInTheSession() {
		Browser client = Browser.open(this.port);

		client.get("/visits");
		client.get("/");
		client.get("/session");

		assertThat(client.session()).containsOnlyKeys("count");
	}

}
