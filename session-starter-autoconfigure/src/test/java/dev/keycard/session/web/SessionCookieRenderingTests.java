package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code Set-Cookie} header {@link SessionCookie} renders by hand: exactly what
 * {@link ResponseCookie} writes, for every attribute a template can carry.
 */
class SessionCookieRenderingTests {

	private static final Instant NOW = Instant.parse("2026-12-01T20:15:30Z");

	static Stream<ResponseCookie> templates() {
		return Stream.of(ResponseCookie.from("session").path("/").httpOnly(true).sameSite("Lax").build(),
				ResponseCookie.from("sid").path("/app").domain("example.com").secure(true).sameSite("Strict").build(),
				ResponseCookie.from("__Host-session").path("/").secure(true).httpOnly(true).sameSite("None")
					.partitioned(true).build(),
				ResponseCookie.from("bare").build());
	}

	@ParameterizedTest
	@MethodSource("templates")
	void issuesTheHeaderResponseCookieWould(ResponseCookie template) {
		Instant expiresAt = NOW.plus(Duration.ofMinutes(30));
		String header = new SessionCookie(template, false).issue("dG9rZW4", NOW, expiresAt);
		assertThat(header).isEqualTo(expected(template, "dG9rZW4", Duration.ofMinutes(30), expiresAt));
	}

	@ParameterizedTest
	@MethodSource("templates")
	void issuesABrowserSessionCookieAsResponseCookieWould(ResponseCookie template) {
		String header = new SessionCookie(template, true).issue("dG9rZW4", NOW, NOW.plusSeconds(60));
		assertThat(header).isEqualTo(template.mutate().value("dG9rZW4").maxAge(-1).build().toString())
			.doesNotContain("Max-Age", "Expires");
	}

	@Test
	void datesExpiresFromEachResponseEvenWithinOneSecond() {
		SessionCookie cookie = SessionCookie.named("session");
		String first = cookie.issue("a", NOW, NOW.plusSeconds(60));
		String later = cookie.issue("a", NOW, NOW.plusSeconds(120));
		String earlier = cookie.issue("a", NOW, NOW.plusSeconds(60));
		assertThat(first).contains("Max-Age=60", "Expires=Tue, 01 Dec 2026 20:16:30 GMT");
		assertThat(later).contains("Max-Age=120", "Expires=Tue, 01 Dec 2026 20:17:30 GMT");
		assertThat(earlier).isEqualTo(first);
	}

	@Test
	void anExpiryAlreadyPassedGivesMaxAgeZero() {
		String header = SessionCookie.named("session").issue("a", NOW, NOW.minusSeconds(5));
		assertThat(header).isEqualTo(expected(SessionCookie.named("session").getTemplate(), "a", Duration.ZERO, null))
			.contains("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
	}

	/** ResponseCookie dates Expires from the system clock: the expected header takes the response's. */
	private static String expected(ResponseCookie template, String value, Duration maxAge, Instant expiresAt) {
		HttpHeaders expires = new HttpHeaders();
		expires.setExpires((expiresAt != null) ? expiresAt.toEpochMilli() : 0);
		return template.mutate()
			.value(value)
			.maxAge(maxAge)
			.build()
			.toString()
			.replaceAll("Expires=[^;]+", "Expires=" + expires.getFirst(HttpHeaders.EXPIRES));
	}

}
