package dev.keycard.sample;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's form login on the cookie store, and security contexts that are not what
 * sign-in wrote: each one anonymous, never an error.
 */
@TestPropertySource(properties = "app.session.store=cookie")
class CookieStoreSignInEndToEndTests extends AbstractSignInEndToEndTests {

	private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

	@Autowired
	KeyRing keyRing;

	@Override
	boolean isServerSide() {
		return false;
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"keycard.converter\":\"spring-security-context\",\"value\":{\"kind\":\"password\",\"name\":42}}",
			"{\"keycard.converter\":\"spring-security-context\",\"value\":{\"kind\":\"unknown\"}}",
			"{\"keycard.converter\":\"spring-security-context\",\"value\":[1,2]}",
			"{\"keycard.converter\":\"no-such-converter\",\"value\":{}}", "\"a string\"", "{\"kind\":\"password\"}" })
	void securityContextSignInDidNotWriteIsAnonymous(String context) {
		String cookie = issue("{\"" + CONTEXT + "\":" + context + "}", Instant.now().plusSeconds(600));
		Browser browser = Browser.withoutCookieJar(this.port);
		assertThat(kept(browser.get("/me", "session=" + cookie)).statusCode()).isEqualTo(401);
		assertThat(kept(browser.get("/visits", "session=" + cookie)).statusCode()).isEqualTo(200);
	}

	@Test
	void formLoginKeepsTheCookieFarBelowWhatBrowsersKeep() {
		Browser browser = Browser.open(this.port);
		kept(browser.get("/visits"));
		int before = ("session=" + browser.cookie("session")).length();
		kept(browser.signIn("gordon"));
		int after = ("session=" + browser.cookie("session")).length();
		System.out.println("Keycard cookie after a form login: " + after + " bytes (" + before
				+ " before: a visit count; the CSRF token and the security context add " + (after - before) + ")");
		assertThat(after).isLessThan(1024);
	}

	@Test
	void expiredSignInIsAnonymous() {
		Browser browser = Browser.open(this.port);
		browser.signIn("gordon");
		String valid = issue("{\"" + CONTEXT + "\":{\"keycard.converter\":\"spring-security-context\",\"value\":"
				+ "{\"kind\":\"password\",\"name\":\"gordon\",\"user\":true,\"authorities\":[\"ROLE_OFFICER\"]}}}",
				Instant.now().plusSeconds(600));
		String expired = issue("{\"" + CONTEXT + "\":{\"keycard.converter\":\"spring-security-context\",\"value\":"
				+ "{\"kind\":\"password\",\"name\":\"gordon\",\"user\":true,\"authorities\":[\"ROLE_OFFICER\"]}}}",
				Instant.now().minusSeconds(1));
		Browser replay = Browser.withoutCookieJar(this.port);
		assertThat(kept(replay.get("/me", "session=" + valid)).statusCode()).as("the same, unexpired").isEqualTo(200);
		assertThat(kept(replay.get("/me", "session=" + expired)).statusCode()).isEqualTo(401);
	}

	/** A cookie signed with the sample's secret, as only the application could issue it. */
	private String issue(String payload, Instant expiresAt) {
		Instant now = Instant.now();
		Instant createdAt = expiresAt.isBefore(now) ? expiresAt.minusSeconds(60) : now;
		Instant issuedAt = expiresAt.isBefore(now) ? expiresAt.minusSeconds(30) : now;
		return new SignedSessionCodec(this.keyRing).encode("session",
				new SessionToken(createdAt, issuedAt, expiresAt, payload.getBytes(StandardCharsets.UTF_8)));
	}

}
