package dev.keycard.session.actuate;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.micrometer.MicrometerSessionActivity;
import dev.keycard.session.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code keycard.session.*} meters count exactly the traffic that was sent: every reason a
 * cookie is refused, the key each accepted cookie was made under, and what each request did to
 * its session.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class,
		properties = { "app.session.secret=" + SessionMetricsTests.SECRET,
				"app.session.previous-secrets=" + SessionMetricsTests.PREVIOUS_SECRET, "app.session.max-age=60" })
@AutoConfigureMockMvc
class SessionMetricsTests {

	static final String SECRET = "metrics-test-secret-Qw7Er4Ty9Ui2Op6As3Df";

	static final String PREVIOUS_SECRET = "metrics-previous-secret-Zx5Cv8Bn1Mk4Lj7Hg";

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry registry;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void resetClock() {
		this.clock.set(ObservabilityTestApplication.START);
	}

	@Test
	void everyRefusedCookieIsCountedUnderItsReason() throws Exception {
		String valid = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		double badSignature = refused("bad_signature");
		double malformed = refused("malformed");
		double tooLarge = refused("too_large");
		double unknownKey = refused("unknown_key");
		double expired = refused("expired");
		double otherCookieName = refused("other_cookie_name");
		for (int i = 0; i < 7; i++) {
			read(tamper(valid, i));
		}
		read("not-a-token!");
		read("AAAA");
		read("A".repeat(5000));
		read(new SignedSessionCodec(KeyRing.of("another-application-secret-Rt6Yu3Io9Pa1", List.of()))
			.encode("session", token()));
		SignedSessionCodec sameSecret = new SignedSessionCodec(KeyRing.of(SECRET, List.of()));
		for (String otherName : List.of("admin_session", "Session", "session2")) {
			read(sameSecret.encode(otherName, token()));
		}
		this.clock.advance(Duration.ofSeconds(61));
		read(valid);
		assertThat(refused("bad_signature") - badSignature).isEqualTo(7);
		assertThat(refused("malformed") - malformed).isEqualTo(2);
		assertThat(refused("too_large") - tooLarge).isEqualTo(1);
		assertThat(refused("unknown_key") - unknownKey).isEqualTo(1);
		assertThat(refused("expired") - expired).isEqualTo(1);
		assertThat(refused("other_cookie_name") - otherCookieName).isEqualTo(3);
	}

	@Test
	void cookiesAreCountedUnderTheKeyTheyWereMadeUnder() throws Exception {
		double current = accepted("current");
		double previous = accepted("previous-1");
		double refreshed = saves("refreshed");
		String valid = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		read(valid);
		read(valid);
		String underPrevious = new SignedSessionCodec(KeyRing.of(PREVIOUS_SECRET, List.of()))
			.encode("session", token());
		MvcResult reissued = read(underPrevious);
		assertThat(reissued.getResponse().getHeader("Set-Cookie")).as("re-issued under the current key")
			.startsWith("session=");
		assertThat(accepted("current") - current).isEqualTo(2);
		assertThat(accepted("previous-1") - previous).isEqualTo(1);
		assertThat(saves("refreshed") - refreshed).isEqualTo(1);
	}

	@Test
	void whatEachRequestDidToItsSessionIsCounted() throws Exception {
		double created = counter(MicrometerSessionActivity.CREATED);
		double regenerated = counter(MicrometerSessionActivity.REGENERATED);
		double invalidated = counter(MicrometerSessionActivity.INVALIDATED);
		double written = saves("written");
		double unchanged = saves("unchanged");
		double tooLarge = saves("too_large");
		long cookies = cookieSizes().count();

		String first = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		String second = sessionCookie(this.mvc.perform(get("/count").cookie(cookie(first))).andReturn());
		read(second);
		read(second);
		read(second);
		String regeneratedCookie = sessionCookie(this.mvc.perform(get("/regenerate").cookie(cookie(second))).andReturn());
		this.mvc.perform(get("/invalidate").cookie(cookie(regeneratedCookie))).andExpect(status().isOk());
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.mvc.perform(get("/large/5000").cookie(cookie(second))))
			.withRootCauseInstanceOf(SessionTooLargeException.class);

		assertThat(counter(MicrometerSessionActivity.CREATED) - created).isEqualTo(1);
		assertThat(counter(MicrometerSessionActivity.REGENERATED) - regenerated).isEqualTo(1);
		assertThat(counter(MicrometerSessionActivity.INVALIDATED) - invalidated).isEqualTo(1);
		assertThat(saves("written") - written).as("first, second and regenerated").isEqualTo(3);
		assertThat(saves("unchanged") - unchanged).isEqualTo(3);
		assertThat(saves("too_large") - tooLarge).isEqualTo(1);
		assertThat(cookieSizes().count() - cookies).as("three cookies sent, one expired").isEqualTo(4);
		assertThat(cookieSizes().max()).isGreaterThan(first.length());
	}

	private MvcResult read(String cookieValue) throws Exception {
		return this.mvc.perform(get("/read").cookie(cookie(cookieValue))).andExpect(status().isOk()).andReturn();
	}

	private static Cookie cookie(String value) {
		return new Cookie("session", value);
	}

	private static String sessionCookie(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("session");
		assertThat(cookie).as("a session cookie").isNotNull();
		return cookie.getValue();
	}

	/** The cookie with one character of its signature changed: a different one each time. */
	private static String tamper(String value, int which) {
		int position = value.length() - 2 - which;
		char changed = (value.charAt(position) == 'A') ? 'B' : 'A';
		return value.substring(0, position) + changed + value.substring(position + 1);
	}

	private SessionToken token() {
		return new SessionToken(ObservabilityTestApplication.START, ObservabilityTestApplication.START,
				ObservabilityTestApplication.START.plusSeconds(60), "{\"count\":5}".getBytes());
	}

	private double refused(String reason) {
		Counter counter = this.registry.find(MicrometerSessionActivity.COOKIES_REFUSED).tag("reason", reason).counter();
		assertThat(counter).as("counter of %s", reason).isNotNull();
		return counter.count();
	}

	private double accepted(String key) {
		FunctionCounter counter = this.registry.find(MicrometerSessionActivity.COOKIES_ACCEPTED)
			.tag("key", key)
			.functionCounter();
		assertThat(counter).as("counter of %s", key).isNotNull();
		return counter.count();
	}

	private double saves(String outcome) {
		Counter counter = this.registry.find(MicrometerSessionActivity.SAVES).tag("outcome", outcome).counter();
		assertThat(counter).as("counter of %s", outcome).isNotNull();
		return counter.count();
	}

	private double counter(String name) {
		Counter counter = this.registry.find(name).counter();
		assertThat(counter).as(name).isNotNull();
		return counter.count();
	}

	private DistributionSummary cookieSizes() {
		DistributionSummary summary = this.registry.find(MicrometerSessionActivity.COOKIE_SIZE).summary();
		assertThat(summary).isNotNull();
		return summary;
	}

}
