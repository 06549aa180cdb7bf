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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionCookieHeaderFormatTests {

	private static final Instant NOW = Instant.parse("2026-12-01T20:15:30Z");

	static Stream<SessionCookieSettings> settings() {
		return Stream.of(SessionCookieSettings.defaults("session"),
				new SessionCookieSettings("sid", Duration.ofMinutes(30), null, true, "/app", "example.com", true,
						false, "Strict"),
				new SessionCookieSettings("__Host-session", Duration.ofHours(1), null, false, "/", null, true, true,
						"None"),
				new SessionCookieSettings("browser", Duration.ofSeconds(-1), null, true, "/", "example.org", false,
						true, "Lax"));
	}

	@ParameterizedTest
	@MethodSource("settings")
	void issuesTheHeaderResponseCookieWould(SessionCookieSettings settings) {
		Instant expiresAt = NOW.plus(settings.maxAge());
		String header = new SessionCookieHeader(settings).issue("dG9rZW4", NOW, expiresAt);
		ResponseCookie.ResponseCookieBuilder expected = ResponseCookie.from(settings.name(), "dG9rZW4")
			.path(settings.path())
			.domain(settings.domain())
			.secure(settings.secure())
			.httpOnly(settings.httpOnly())
			.sameSite(settings.sameSite());
		if (!settings.isBrowserSession()) {
			expected.maxAge(settings.maxAge());
		}
		// ResponseCookie dates Expires from the system clock, the header from the response's time.
		HttpHeaders expires = new HttpHeaders();
		expires.setExpires(expiresAt.toEpochMilli());
		String expectedHeader = expected.build()
			.toString()
			.replaceAll("Expires=[^;]+", "Expires=" + expires.getFirst(HttpHeaders.EXPIRES));
		assertThat(header).isEqualTo(expectedHeader);
	}

	@ParameterizedTest
	@MethodSource("settings")
	void expiresTheCookieAsResponseCookieWould(SessionCookieSettings settings) {
		String expected = ResponseCookie.from(settings.name(), "")
			.path(settings.path())
			.domain(settings.domain())
			.secure(settings.secure())
			.httpOnly(settings.httpOnly())
			.sameSite(settings.sameSite())
			.maxAge(Duration.ZERO)
			.build()
			.toString();
		assertThat(new SessionCookieHeader(settings).expire()).isEqualTo(expected)
			.contains("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
	}

	@Test
	void datesExpiresFromEachResponseEvenWithinOneSecond() {
		SessionCookieHeader header = new SessionCookieHeader(SessionCookieSettings.defaults("session"));
		String first = header.issue("a", NOW, NOW.plusSeconds(60));
		String later = header.issue("a", NOW, NOW.plusSeconds(120));
		String earlier = header.issue("a", NOW, NOW.plusSeconds(60));
		assertThat(first).contains("Max-Age=60", "Expires=Tue, 01 Dec 2026 20:16:30 GMT");
		assertThat(later).contains("Max-Age=120", "Expires=Tue, 01 Dec 2026 20:17:30 GMT");
		assertThat(earlier).isEqualTo(first);
	}

	@Test
	void anExpiryAlreadyPassedGivesMaxAgeZero() {
		String header = new SessionCookieHeader(SessionCookieSettings.defaults("session")).issue("a", NOW,
				NOW.minusSeconds(5));
		assertThat(header).contains("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
	}

	@Test
	void refusesADomainResponseCookieWouldRefuse() {
		SessionCookieSettings settings = new SessionCookieSettings("session", Duration.ofDays(1), null, true, "/",
				"exa mple.com", false, true, "Lax");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionCookieHeader(settings));
	}

}
