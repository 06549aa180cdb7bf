package dev.keycard.sample;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.keycard.session.test.SessionCookies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The sample's actuator, as operations see it: the {@code keycard} health component with its
 * details, the {@code keycard.session.*} meters counting the traffic that was sent, and the
 * {@code keycard} endpoint without any secret or session value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorEndToEndTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void healthShowsWhereSessionsAreKept() {
		Map<String, @Nullable Object> health = Browser.parseJsonObject(Browser.open(this.port).get("/actuator/health").body());
		assertThat(health).containsEntry("status", "UP");
		assertThat(health.get("components")).asInstanceOf(MAP)
			.extractingByKey("keycard")
			.asInstanceOf(MAP)
			.containsEntry("status", "UP")
			.extractingByKey("details")
			.asInstanceOf(MAP)
			.containsEntry("store", "cookie")
			.containsEntry("mode", "signed");
	}

	@Test
	void tamperedCookiesAreCountedByReason() {
		double before = refusedWithBadSignature();
		String valid = SessionCookies.of(this.context).cookieValue((session) -> session.put("count", 1));
		assertThat(valid).isNotNull();
		Browser browser = Browser.withoutCookieJar(this.port);
		for (int i = 0; i < 7; i++) {
			int position = valid.length() - 2 - i;
			String tampered = valid.substring(0, position) + ((valid.charAt(position) == 'A') ? 'B' : 'A')
					+ valid.substring(position + 1);
			assertThat(browser.get("/visits", "session=" + tampered).body()).isEqualTo("You have visited 1 times");
		}
		assertThat(refusedWithBadSignature() - before).isEqualTo(7);
	}

	@Test
	void keycardEndpointTellsNoSecret() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String body = browser.get("/actuator/keycard").body();
		Map<String, @Nullable Object> keycard = Browser.parseJsonObject(body);
		assertThat(keycard).containsEntry("store", "cookie").containsEntry("mode", "signed").containsKey("keyRing");
		assertThat(body).doesNotContain(this.context.getEnvironment().getRequiredProperty("app.session.secret"))
			.doesNotContain("\"count\"");
	}

	private double refusedWithBadSignature() {
		Map<String, @Nullable Object> metric = Browser.parseJsonObject(Browser.open(this.port)
			.get("/actuator/metrics/keycard.session.cookies.refused?tag=reason:bad_signature")
			.body());
		List<?> measurements = (List<?>) metric.get("measurements");
		assertThat(measurements).isNotEmpty();
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

}
