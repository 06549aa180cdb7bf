package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the sample application with {@code app.session.encrypt=true}: sessions
 * work as with signed cookies, but the client cannot read them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.session.encrypt=true")
class EncryptedSessionEndToEndTests {

	private static final String COOKIE_NAME = "session";

	@LocalServerPort
	private int port;

	@Test
	void visitsCountUpWithAnEncryptedCookie() {
		Browser browser = Browser.open(this.port);

		HttpResponse<String> first = browser.get("/visits");
		HttpResponse<String> second = browser.get("/visits");

		assertThat(first.body()).isEqualTo("You have visited 1 times");
		assertThat(second.body()).isEqualTo("You have visited 2 times");
	}

	@Test
	void encryptedCookieDoesNotRevealTheSession() {
		HttpResponse<String> response = Browser.open(this.port).get("/visits");

		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		String decoded = new String(Base64.getUrlDecoder().decode(cookie.value()), StandardCharsets.ISO_8859_1);
		assertThat(decoded).doesNotContain("count");
		assertThat(cookie.value()).doesNotContain(base64UrlOf("{\"count\":1}"));
	}

	@Test
	void dashboardSaysTheCookieIsEncrypted() {
		String page = Browser.askingForHtml(this.port).get("/").body();

		assertThat(page).contains("<code id=\"store\">cookie</code>")
			.contains("in the cookie itself, encrypted; no server state");
	}

	/** The Base64url text of some JSON, less its last character, which the bytes after it change. */
	private static String base64UrlOf(String json) {
		String encoded = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(json.getBytes(StandardCharsets.UTF_8));
		return encoded.substring(0, encoded.length() - 1);
	}

}
