package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on a server-side store, over a real socket: the same routes and the
 * same dashboard behave as with the cookie store, the cookie carries only a signed id, and
 * invalidation and regeneration delete the stored session so that a copied cookie stops
 * working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractStoreEndToEndTests {

	/** A signed session id: version, mode, key id, 32-byte id, 32-byte MAC, in Base64url. */
	static final int SIGNED_ID_LENGTH = 96;

	@LocalServerPort
	int port;

	@Value("${app.session.store}")
	String store;

	@Test
	void visitsCountAndTheCookieCarriesOnlyASignedId() {
		Browser browser = Browser.open(this.port);
		assertThat(browser.get("/visits").body()).isEqualTo("You have visited 1 times");
		assertThat(browser.get("/visits").body()).isEqualTo("You have visited 2 times");
		String cookie = browser.cookie("session");
		assertThat(cookie).hasSize(SIGNED_ID_LENGTH);
		assertThat(new String(Base64.getUrlDecoder().decode(cookie), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain("count");
	}

	@Test
	void readOnlyRequestSendsNoCookie() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		HttpResponse<String> response = browser.get("/session");
		assertThat(response.body()).isEqualTo("{\"count\":1}");
		assertThat(response.headers().allValues("set-cookie")).isEmpty();
	}

	@Test
	void loginRegeneratesTheIdAndTheOldCookieNoLongerWorks() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		browser.fetchCsrfToken();
		String before = browser.cookie("session");
		HttpResponse<String> login = browser.signIn("gordon");
		assertThat(login.statusCode()).isEqualTo(303);
		assertThat(browser.cookie("session")).isNotEqualTo(before);
		assertThat(browser.signedIn()).isEqualTo("gordon");
		assertThat(browser.session()).containsEntry("count", 1);
		assertThat(Browser.withoutCookieJar(this.port).get("/session", "session=" + before).body()).isEqualTo("{}");
	}

	@Test
	void logoutDeletesTheSessionSoAReplayedCookieIsEmpty() {
		Browser browser = Browser.open(this.port);
		browser.signIn("bruce");
		// Signing in renews the token.
		browser.fetchCsrfToken();
		String copied = browser.cookie("session");
		HttpResponse<String> logout = browser.post("/logout");
		assertThat(logout.body()).isEqualTo("logged out");
		assertThat(logout.headers().allValues("set-cookie")).singleElement().asString().contains("Max-Age=0");
		assertThat(Browser.withoutCookieJar(this.port).get("/session", "session=" + copied).body()).isEqualTo("{}");
	}

	@Test
	void concurrentRequestsOfOneSessionChangingDifferentKeysAllSurvive() throws Exception {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String csrfToken = browser.fetchCsrfToken();
		String cookieHeader = "session=" + browser.cookie("session");
		int clients = 8;
		int requestsPerClient = 10;
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int client = 0; client < clients; client++) {
				String key = "client" + client;
				futures.add(executor.submit(() -> {
					Browser sameSession = Browser.withoutCookieJar(this.port);
					sameSession.useCsrfToken(csrfToken);
					for (int request = 1; request <= requestsPerClient; request++) {
						HttpResponse<String> response = sameSession
							.post("/test/put?key=" + key + "&value=" + request, cookieHeader);
						assertThat(response.statusCode()).isEqualTo(200);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, Object> session = browser.session();
		assertThat(session).containsEntry("count", 1)
			.containsKey("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN")
			.hasSize(clients + 2);
		for (int client = 0; client < clients; client++) {
			assertThat(session).containsEntry("client" + client, String.valueOf(requestsPerClient));
		}
	}

	@Test
	void forgedIdGivesAFreshSession() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String cookie = browser.cookie("session");
		char[] forged = cookie.toCharArray();
		forged[40] = (forged[40] == 'A') ? 'B' : 'A';
		HttpResponse<String> response = Browser.withoutCookieJar(this.port)
			.get("/session", "session=" + new String(forged));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{}");
	}

	@Test
	void dashboardWorksUnchangedAndSaysWhichStoreKeepsTheSession() {
		Browser browser = Browser.askingForHtml(this.port);
		browser.get("/");
		browser.signIn("gordon");
		browser.fetchCsrfToken();
		browser.postForm("/theme", "theme=dark");

		HttpResponse<String> response = browser.get("/");
		String page = response.body();

		assertThat(page).contains("<body class=\"theme-dark\">", "Signed in as <strong id=\"user\">gordon</strong>",
				"<p id=\"flash-message\" class=\"flash message\">Theme saved</p>",
				"<code id=\"store\">" + this.store + "</code>",
				"<span id=\"cookie-size\">" + ("session=".length() + SIGNED_ID_LENGTH) + "</span> bytes",
				"as your browser sent it and keeps it");
		// Only the flash marker is set here (the id stays): shared caches are kept away all the same.
		assertThat(SetCookie.allOf(response)).extracting(SetCookie::name).containsExactly("session_flash");
		assertThat(response.headers().allValues("Vary")).contains("Cookie");
		// Spring Security's no-store is stricter than the private Keycard would add, and is kept.
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(cacheControl) -> assertThat(cacheControl).containsAnyOf("private", "no-store"));
	}

	@Test
	void largeSessionsAreNotLimitedByTheCookieSize() {
		Browser browser = Browser.open(this.port);
		for (int i = 0; i < 80; i++) {
			browser.get("/cases/case-number-" + i + "-" + "x".repeat(60));
		}
		assertThat(browser.session()).containsKey("lastCase");
		assertThat(List.of(browser.cookie("session"))).singleElement().asString().hasSize(SIGNED_ID_LENGTH);
	}

}
