package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of what a client can send in place of a valid session cookie: whatever it
 * is, the request succeeds with a new, empty session, and never fails with a server error.
 * Each bad cookie would otherwise carry {@code count = 41}, so that a cookie wrongly accepted
 * shows as a 42nd visit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.web.error.include-message=always")
class InvalidSessionCookieEndToEndTests {

	private static final String COOKIE_NAME = "session";

	private static final Map<String, Object> FORTY_ONE_VISITS = Map.of("count", 41);

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	@LocalServerPort
	private int port;

	@Autowired
	private SessionCodec applicationCodec;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.withoutCookieJar(this.port);
	}

	@Test
	void tokenMadeWithTheApplicationsCodecIsAccepted() {
		String value = this.applicationCodec.encode(COOKIE_NAME, unexpiredToken(FORTY_ONE_VISITS));

		HttpResponse<String> response = this.browser.get("/visits", COOKIE_NAME + "=" + value);

		assertThat(response.body()).isEqualTo("You have visited 42 times");
	}

	@Test
	void cookieWithOneCharacterChangedGivesANewEmptySession() {
		String value = issuedCookieValue();
		int middle = value.length() / 2;
		char changed = (value.charAt(middle) == 'A') ? 'B' : 'A';
		String tampered = value.substring(0, middle) + changed + value.substring(middle + 1);

		assertNewEmptySessionFor(tampered);
	}

	@Test
	void truncatedCookieGivesANewEmptySession() {
		String value = issuedCookieValue();

		assertNewEmptySessionFor(value.substring(0, value.length() - 10));
	}

	@Test
	void garbageCookieGivesANewEmptySession() {
		assertNewEmptySessionFor("<script>alert(1)</script>");
	}

	@Test
	void emptyCookieGivesANewEmptySession() {
		assertNewEmptySessionFor("");
	}

	@Test
	void cookieOf5000CharactersGivesANewEmptySession() {
		assertNewEmptySessionFor("A".repeat(5000));
	}

	@Test
	void cookieSignedWithAnotherSecretGivesANewEmptySession() {
		SignedSessionCodec otherCodec = new SignedSessionCodec(
				KeyRing.of("another-application-secret-Xr4Tq8Vm2Lp6Wz1Nc9", List.of()));

		assertNewEmptySessionFor(otherCodec.encode(COOKIE_NAME, unexpiredToken(FORTY_ONE_VISITS)));
	}

	@Test
	void expiredCookieGivesANewEmptySession() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		SessionToken expired = new SessionToken(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(16)),
				now.minus(Duration.ofDays(2)), this.serializer.serialize(FORTY_ONE_VISITS));

		assertNewEmptySessionFor(this.applicationCodec.encode(COOKIE_NAME, expired));
	}

	@Test
	void tokenIssuedForAnotherCookieNameGivesANewEmptySession() {
		assertNewEmptySessionFor(this.applicationCodec.encode("remember-me", unexpiredToken(FORTY_ONE_VISITS)));
	}

	private String issuedCookieValue() {
		HttpResponse<String> response = Browser.open(this.port).get("/visits");
		SetCookie cookie = SetCookie.named(response, COOKIE_NAME);
		assertThat(cookie).isNotNull();
		return cookie.value();
	}

	private SessionToken unexpiredToken(Map<String, Object> values) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return new SessionToken(now, now, now.plus(Duration.ofDays(1)), this.serializer.serialize(values));
	}

	private void assertNewEmptySessionFor(String cookieValue) {
		String cookieHeader = COOKIE_NAME + "=" + cookieValue;

		HttpResponse<String> session = this.browser.get("/session", cookieHeader);
		HttpResponse<String> visits = this.browser.get("/visits", cookieHeader);

		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(session.body()).isEqualTo("{}");
		assertThat(visits.statusCode()).isEqualTo(200);
		assertThat(visits.body()).isEqualTo("You have visited 1 times");
		SetCookie newCookie = SetCookie.named(visits, COOKIE_NAME);
		assertThat(newCookie).isNotNull();
		assertThat(newCookie.value()).isNotEqualTo(cookieValue);
	}

}
