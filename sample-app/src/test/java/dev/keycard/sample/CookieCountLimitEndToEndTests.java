package dev.keycard.sample;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code Cookie} header with more cookies than Tomcat takes (200) in an application that
 * does not track HTTP sessions by cookie: Tomcat then parses cookies only when the application
 * asks for them, and refuses with an {@link IllegalArgumentException} from
 * {@code getCookies()}. Keycard treats that as bad input, not an error: a new session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.servlet.session.tracking-modes=url")
class CookieCountLimitEndToEndTests {

	@LocalServerPort
	private int port;

	@Test
	void moreCookiesThanTomcatTakesGiveANewSessionNotAnError() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String valid = "session=" + browser.cookie("session");

		HttpResponse<String> overTheLimit = Browser.withoutCookieJar(this.port).get("/visits", "a=1; ".repeat(200) + valid);
		HttpResponse<String> underTheLimit = Browser.withoutCookieJar(this.port).get("/visits", "a=1; ".repeat(199) + valid);

		assertThat(overTheLimit.statusCode()).isEqualTo(200);
		assertThat(overTheLimit.body()).isEqualTo("You have visited 1 times");
		assertThat(underTheLimit.statusCode()).isEqualTo(200);
		assertThat(underTheLimit.body()).isEqualTo("You have visited 2 times");
	}

}
