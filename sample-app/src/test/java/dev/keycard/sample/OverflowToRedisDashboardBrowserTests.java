package dev.keycard.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.keycard.session.codec.SessionIdCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in Chromium on the cookie store with Redis as its overflow store (the real Redis
 * at 127.0.0.1:6379, under keys of this run's own): an officer's notes grow the session past
 * the threshold, and it moves to Redis with nothing lost, its cookie shrinking to a signed id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(ChromiumExtension.class)
class OverflowToRedisDashboardBrowserTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void overflowToRedis(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "cookie");
		registry.add("app.session.overflow-store", () -> "redis");
		registry.add("app.session.redis.key-prefix", () -> "keycard-overflow:" + UUID.randomUUID() + ":");
	}

	@Test
	void aSessionThatOutgrowsItsCookieMovesToRedisAndKeepsWorking(Chromium chromium) {
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();
		dashboard.signIn("Gordon");
		dashboard.pickTheme("dark");
		assertThat(dashboard.store()).isEqualTo("cookie");
		int smallCookie = dashboard.cookieSize();

		List<String> written = new ArrayList<>();
		for (int note = 1; note <= 25; note++) {
			String text = "Note " + note + ": " + "stake out the Diamond Exchange, ".repeat(3);
			dashboard.addNote(text);
			written.add(text.strip());
		}

		assertThat(dashboard.store()).as("the store on the panel").isEqualTo("redis");
		assertThat(dashboard.cookieSize()).as("the cookie, now a signed id").isLessThan(120).isLessThan(smallCookie);
		Cookie cookie = chromium.driver().manage().getCookieNamed("session");
		assertThat(SessionIdCodec.isSessionIdShaped(cookie.getValue())).isTrue();
		assertThat(dashboard.notes()).containsExactlyElementsOf(written);
		assertThat(dashboard.signedInUser()).isEqualTo("Gordon");
		assertThat(dashboard.bodyClass()).isEqualTo("theme-dark");

		chromium.reload();
		assertThat(dashboard.notes()).hasSize(25);
		dashboard.signOut();
		assertThat(dashboard.offersSignIn()).isTrue();
		assertThat(dashboard.store()).as("a new session starts in the cookie").isEqualTo("cookie");
	}

}
