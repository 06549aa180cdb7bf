package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of rotating the secret: the application runs with a new secret and lists
 * the old one in {@code app.session.previous-secrets}, so that sessions issued before the
 * rotation still work and are moved to the new secret.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.session.secret=" + SecretRotationEndToEndTests.NEW_SECRET,
				"app.session.previous-secrets[0]=" + SecretRotationEndToEndTests.OLD_SECRET })
class SecretRotationEndToEndTests {

	static final String OLD_SECRET = "rotation-old-secret-Hq3Vn8Ws1Kd6Tz0Ry5";

	static final String NEW_SECRET = "rotation-new-secret-Jm7Xc2Pf9Lb4Gs6Nw1";

	private static final String COOKIE_NAME = "session";

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	@LocalServerPort
	private int port;

	@Test
	void sessionIssuedUnderThePreviousSecretIsAcceptedAndReissuedUnderTheNewOne() {
		String oldCookie = cookieSignedWith(OLD_SECRET, Map.of("count", 5));

		HttpResponse<String> response = Browser.withoutCookieJar(this.port)
			.get("/session", COOKIE_NAME + "=" + oldCookie);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Browser.parseJsonObject(response.body())).containsExactlyEntriesOf(Map.of("count", 5));
		SetCookie reissued = SetCookie.named(response, COOKIE_NAME);
		assertThat(reissued).isNotNull();
		assertThat(response.headers().allValues("vary")).anySatisfy((vary) -> assertThat(vary).contains("Cookie"));
		// Spring Security's no-store is stricter than the private Keycard would add, and is kept.
		assertThat(response.headers().allValues("cache-control"))
			.anySatisfy((cacheControl) -> assertThat(cacheControl).containsAnyOf("private", "no-store"));
		SessionToken underNewSecret = codecFor(NEW_SECRET).decode(COOKIE_NAME, reissued.value(), Instant.now());
		assertThat(underNewSecret).isNotNull();
		assertThat(this.serializer.deserialize(underNewSecret.payload())).containsExactlyEntriesOf(Map.of("count", 5));
		assertThat(codecFor(OLD_SECRET).decode(COOKIE_NAME, reissued.value(), Instant.now())).isNull();
	}

	@Test
	void sessionIssuedUnderTheNewSecretIsNotReissuedByAReadOnlyRequest() {
		String newCookie = cookieSignedWith(NEW_SECRET, Map.of("count", 5));

		HttpResponse<String> response = Browser.withoutCookieJar(this.port)
			.get("/session", COOKIE_NAME + "=" + newCookie);

		assertThat(Browser.parseJsonObject(response.body())).containsExactlyEntriesOf(Map.of("count", 5));
		assertThat(SetCookie.allOf(response)).isEmpty();
	}

	@Test
	void reissuedSessionKeepsCountingUnderTheNewSecret() {
		Browser browser = Browser.withoutCookieJar(this.port);
		String oldCookie = cookieSignedWith(OLD_SECRET, Map.of("count", 5));

		HttpResponse<String> sixth = browser.get("/visits", COOKIE_NAME + "=" + oldCookie);
		SetCookie reissued = SetCookie.named(sixth, COOKIE_NAME);
		assertThat(reissued).isNotNull();
		HttpResponse<String> seventh = browser.get("/visits", COOKIE_NAME + "=" + reissued.value());

		assertThat(sixth.body()).isEqualTo("You have visited 6 times");
		assertThat(seventh.body()).isEqualTo("You have visited 7 times");
	}

	private String cookieSignedWith(String secret, Map<String, Object> values) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		SessionToken token = new SessionToken(now, now, now.plus(Duration.ofDays(14)),
				this.serializer.serialize(values));
		return codecFor(secret).encode(COOKIE_NAME, token);
	}

	private static SignedSessionCodec codecFor(String secret) {
		return new SignedSessionCodec(KeyRing.of(secret, List.of()));
	}

}
