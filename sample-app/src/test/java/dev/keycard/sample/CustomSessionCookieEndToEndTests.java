package dev.keycard.sample;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the cookie attributes set through {@code app.session.*}. The client's
 * cookie jar would refuse a {@code Secure} cookie over HTTP and a {@code Domain} it is not on,
 * so these tests read the raw {@code Set-Cookie} headers and send hand-made {@code Cookie}
 * headers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.session.cookie-name=sid", "app.session.secure=true", "app.session.domain=example.test",
				"app.session.same-site=Strict", "app.session.path=/", "app.session.max-age=-1",
				"app.session.http-only=false" })
class CustomSessionCookieEndToEndTests {

	private static final String COOKIE_NAME = "sid";

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.withoutCookieJar(this.port);
	}

	@Test
	void cookieIsNamedByCookieName() {
		HttpResponse<String> response = this.browser.get("/visits");

		assertThat(SetCookie.allOf(response)).extracting(SetCookie::name).containsExactly(COOKIE_NAME);
	}

	@Test
	void cookieNamedByCookieNameIsReadBack() {
		String value = issuedCookie().value();

		HttpResponse<String> secondVisit = this.browser.get("/visits", COOKIE_NAME + "=" + value);
		HttpResponse<String> underDefaultName = this.browser.get("/visits", "session=" + value);

		assertThat(secondVisit.body()).isEqualTo("You have visited 2 times");
		assertThat(underDefaultName.body()).isEqualTo("You have visited 1 times");
	}

	@Test
	void secureMarksTheCookieSecure() {
		assertThat(issuedCookie().has("Secure")).isTrue();
	}

	@Test
	void domainSetsTheCookieDomain() {
		assertThat(issuedCookie().attribute("Domain")).isEqualTo("example.test");
	}

	@Test
	void sameSiteStrictSetsSameSiteStrict() {
		assertThat(issuedCookie().attribute("SameSite")).isEqualTo("Strict");
	}

	@Test
	void pathSetsTheCookiePath() {
		assertThat(issuedCookie().attribute("Path")).isEqualTo("/");
	}

	@Test
	void negativeMaxAgeGivesABrowserSessionCookie() {
		SetCookie cookie = issuedCookie();

		assertThat(cookie.has("Max-Age")).isFalse();
		assertThat(cookie.has("Expires")).isFalse();
	}

	@Test
	void httpOnlyFalseLeavesOutHttpOnly() {
		assertThat(issuedCookie().has("HttpOnly")).isFalse();
	}

	@Test
	void logoutExpiresTheCookieWithTheSameNameDomainAndPath() {
		HttpResponse<String> csrf = this.browser.get("/csrf");
		SetCookie issued = SetCookie.named(csrf, COOKIE_NAME);
		assertThat(issued).isNotNull();
		this.browser.useCsrfToken((String) Browser.parseJsonObject(csrf.body()).get("token"));

		HttpResponse<String> response = this.browser.post("/logout", COOKIE_NAME + "=" + issued.value());

		SetCookie expired = SetCookie.named(response, COOKIE_NAME);
		assertThat(expired).isNotNull();
		assertThat(expired.value()).isEmpty();
		assertThat(expired.attribute("Max-Age")).isEqualTo("0");
		assertThat(expired.attribute("Domain")).isEqualTo("example.test");
		assertThat(expired.attribute("Path")).isEqualTo("/");
		assertThat(expired.has("Secure")).isTrue();
	}

	private SetCookie issuedCookie() {
		HttpResponse<String> response = this.browser.get("/visits");
		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		return cookie;
	}

}
