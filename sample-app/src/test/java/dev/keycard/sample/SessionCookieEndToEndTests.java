package dev.keycard.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the sample application with Keycard's default, signed cookie: what a
 * browser sees over HTTP, request after request. Error pages include the exception message,
 * so that a failure Keycard reports can be read over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.web.error.include-message=always")
class SessionCookieEndToEndTests {

	private static final String COOKIE_NAME = "session";

	/** Tomcat's default response buffer: a body beyond it commits the response while written. */
	private static final int RESPONSE_BUFFER_SIZE = 8 * 1024;

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.open(this.port);
	}

	@Test
	void visitsCountUpWithOneCookieJar() {
		HttpResponse<String> first = this.browser.get("/visits");
		HttpResponse<String> second = this.browser.get("/visits");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("You have visited 1 times");
		assertThat(second.body()).isEqualTo("You have visited 2 times");
	}

	@Test
	void visitsOfSeparateBrowsersAreCountedSeparately() {
		Browser other = Browser.open(this.port);
		this.browser.get("/visits");
		this.browser.get("/visits");

		HttpResponse<String> othersFirstVisit = other.get("/visits");
		HttpResponse<String> thirdVisit = this.browser.get("/visits");

		assertThat(othersFirstVisit.body()).isEqualTo("You have visited 1 times");
		assertThat(thirdVisit.body()).isEqualTo("You have visited 3 times");
	}

	@Test
	void showingTheSessionWithAValidCookieSendsNoSetCookie() {
		this.browser.get("/visits");
		this.browser.get("/test/items/start");

		HttpResponse<String> response = this.browser.get("/session");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Browser.parseJsonObject(response.body())).containsEntry("count", 1).containsKey("items");
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void readingANestedListWithoutChangingItSendsNoSetCookie() {
		this.browser.get("/test/items/start");

		HttpResponse<String> response = this.browser.get("/test/read");

		assertThat(response.body()).isEqualTo("count is null, items are [first]");
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void homePageWithoutACookieSendsNoSetCookie() {
		HttpResponse<String> response = this.browser.get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("Keycard sample. Signed in as: nobody.");
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void requestThatNeverTouchesTheSessionSendsNoSetCookie() {
		this.browser.get("/visits");

		HttpResponse<String> response = this.browser.get("/test/untouched");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void appendingToANestedListInPlaceIsSaved() {
		this.browser.get("/test/items/start");

		HttpResponse<String> response = this.browser.get("/test/items/append?item=second");

		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("items", List.of("first", "second"));
	}

	@Test
	void logoutOfASessionThatCameWithACookieExpiresTheCookie() {
		this.browser.get("/visits");
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.post("/logout");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("logged out");
		assertCookieExpired(response);
		assertThat(this.browser.session()).isEmpty();
	}

	@Test
	void clearingTheSessionExpiresTheCookie() {
		this.browser.get("/visits");
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.post("/test/clear");

		assertThat(response.body()).isEqualTo("cleared");
		assertCookieExpired(response);
		assertThat(this.browser.session()).isEmpty();
	}

	@Test
	void invalidatingASessionTheClientNeverHadSendsNoSetCookie() {
		HttpResponse<String> response = this.browser.get("/test/invalidate");

		assertThat(response.body()).isEqualTo("invalidated");
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void logoutWithoutACookieIsRefusedForWantOfACsrfToken() {
		HttpResponse<String> response = this.browser.post("/logout");

		assertThat(response.statusCode()).isEqualTo(403);
		// Spring Security's CSRF check gives the new session its token, and nothing else.
		assertThat(this.browser.session())
			.containsOnlyKeys("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN");
	}

	@Test
	void cookieIsSentWithARedirect() {
		HttpResponse<String> response = this.browser.get("/test/redirect");

		assertThat(response.statusCode()).isIn(302, 303);
		assertThat(response.headers().firstValue("location")).map(URI::create)
			.hasValueSatisfying((location) -> assertThat(location.getPath()).isEqualTo("/"));
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("redirected", true);
	}

	@Test
	void cookieIsSentWithACasePageLargerThanTheResponseBuffer() {
		HttpResponse<String> response = this.browser.get("/cases/7");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().length()).isGreaterThan(RESPONSE_BUFFER_SIZE);
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("lastCase", "7");
	}

	@Test
	void cookieIsSentWhenAWriterOutgrowsTheResponseBuffer() {
		HttpResponse<String> response = this.browser.get("/test/large-body/writer");

		assertThat(response.body()).hasSizeGreaterThanOrEqualTo(SessionEdgeCaseController.LARGE_BODY_LENGTH);
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("largeBody", "writer");
	}

	@Test
	void cookieIsSentWhenLinesPrintedByAWriterOutgrowTheResponseBuffer() {
		HttpResponse<String> response = this.browser.get("/test/large-body/lines");

		assertThat(response.body()).hasSizeGreaterThanOrEqualTo(SessionEdgeCaseController.LARGE_BODY_LENGTH);
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("largeBody", "lines");
	}

	@Test
	void cookieIsSentWhenAnOutputStreamOutgrowsTheResponseBuffer() {
		HttpResponse<String> response = this.browser.get("/test/large-body/stream");

		assertThat(response.body()).hasSizeGreaterThanOrEqualTo(SessionEdgeCaseController.LARGE_BODY_LENGTH);
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("largeBody", "stream");
	}

	@Test
	void cookieIsSentWithAnErrorSentByTheHandler() {
		HttpResponse<String> response = this.browser.get("/test/not-found");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertThat(this.browser.session()).containsEntry("notFoundSeen", true);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/visits", "/cases/7", "/test/redirect", "/test/large-body/writer",
			"/test/large-body/stream", "/test/not-found" })
	void responseThatSetsTheCookieIsPrivateAndVariesOnCookie(String path) {
		HttpResponse<String> response = this.browser.get(path);

		assertThat(SetCookie.named(response, COOKIE_NAME)).isNotNull();
		assertPrivateAndVaryingOnCookie(response);
	}

	@Test
	void sessionCookieHasSafeDefaultAttributes() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		HttpResponse<String> response = this.browser.get("/visits");
		Instant after = Instant.now();

		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		assertThat(cookie.attribute("Path")).isEqualTo("/");
		assertThat(cookie.has("HttpOnly")).isTrue();
		assertThat(cookie.attribute("SameSite")).isEqualTo("Lax");
		assertThat(cookie.attribute("Max-Age")).isEqualTo("1209600");
		// Expires says what Max-Age says, for browsers that know only Expires.
		Instant expires = ZonedDateTime.parse(cookie.attribute("Expires"), DateTimeFormatter.RFC_1123_DATE_TIME)
			.toInstant();
		assertThat(expires).isBetween(before.plusSeconds(1209600), after.plusSeconds(1209600));
		assertThat(cookie.has("Secure")).isFalse();
		assertThat(cookie.has("Domain")).isFalse();
	}

	@Test
	void loginRedirectsHomeWithANewCookieAndRemembersTheUser() {
		this.browser.get("/visits");
		this.browser.fetchCsrfToken();
		String cookieBeforeLogin = this.browser.cookie(COOKIE_NAME);

		HttpResponse<String> response = this.browser.signIn("bruce");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("location")).hasValue("/");
		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		assertThat(cookieBeforeLogin).isNotNull();
		assertThat(cookie.value()).isNotEqualTo(cookieBeforeLogin);
		assertPrivateAndVaryingOnCookie(response);
		assertThat(this.browser.signedIn()).isEqualTo("bruce");
		assertThat(this.browser.session()).containsEntry("count", 1);
		assertThat(this.browser.get("/").body()).startsWith("Keycard sample. Signed in as: bruce.");
	}

	@Test
	void signedCookieCanBeReadByTheClient() {
		HttpResponse<String> response = this.browser.get("/visits");

		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		byte[] token = Base64.getUrlDecoder().decode(cookie.value());
		byte[] json = "{\"count\":1}".getBytes(StandardCharsets.UTF_8);
		// The JSON follows the 32-byte header that TokenFormat documents.
		assertThat(Arrays.copyOfRange(token, 32, 32 + json.length)).isEqualTo(json);
	}

	@Test
	void sessionTooLargeForACookieFailsTheRequestNamingTheSizeAndTheLimit() {
		this.browser.get("/visits");

		HttpResponse<String> response = this.browser.get("/test/too-large");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(Browser.parseJsonObject(response.body())).hasEntrySatisfying("message",
				(message) -> assertThat(message).asString()
					.containsPattern("Session cookie would be \\d{4,} bytes")
					.contains("over the limit of 4096 bytes")
					.contains("'report'"));
		assertThat(SetCookie.allOf(response)).isEmpty();
		assertThat(this.browser.session()).containsEntry("count", 1).doesNotContainKey("report");
	}

	@Test
	void sessionTooLargeForACookieCanBeAnsweredByAnExceptionHandler() {
		this.browser.get("/visits");

		HttpResponse<String> response = this.browser.get("/test/too-large/handled");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body())
			.containsPattern("^Session cookie would be \\d{4,} bytes, over the limit of 4096 bytes")
			.contains("'report'")
			.endsWith("(app.session.store).");
		assertThat(SetCookie.allOf(response)).isEmpty();
		assertThat(this.browser.session()).containsEntry("count", 1).doesNotContainKey("report");
	}

	private static void assertCookieExpired(HttpResponse<String> response) {
		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		assertThat(cookie.value()).isEmpty();
		assertThat(cookie.attribute("Max-Age")).isEqualTo("0");
		assertThat(cookie.attribute("Expires")).isNotNull();
		Instant expires = ZonedDateTime.parse(cookie.attribute("Expires"), DateTimeFormatter.RFC_1123_DATE_TIME)
			.toInstant();
		assertThat(expires).isBefore(Instant.now());
		assertPrivateAndVaryingOnCookie(response);
	}

	private static void assertPrivateAndVaryingOnCookie(HttpResponse<String> response) {
		assertThat(response.headers().allValues("vary"))
			.anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("Cookie"));
		// Spring Security's no-store is stricter than the private Keycard would add, and is kept.
		assertThat(response.headers().allValues("cache-control"))
			.anySatisfy((cacheControl) -> assertThat(cacheControl).containsAnyOf("private", "no-store"));
	}

}
