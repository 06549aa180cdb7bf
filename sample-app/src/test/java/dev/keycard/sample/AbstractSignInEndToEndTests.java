package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's form login on the sample application, over a real socket, on one store:
 * the officer stays signed in with nothing but the Keycard cookie, sign-in renews the session,
 * the saved request brings a browser back, sign-out ends the session, and the container never
 * creates a session of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractSignInEndToEndTests {

	@LocalServerPort
	int port;

	/** Every response of every test, to check that none ever set a JSESSIONID. */
	private final List<HttpResponse<String>> responses = new ArrayList<>();

	/** Whether sign-out deletes state on the server, so that a copied cookie stops working. */
	abstract boolean isServerSide();

	@AfterEach
	void noResponseEverSetAContainerSession() {
		assertThat(this.responses).allSatisfy((response) -> assertThat(response.headers().allValues("set-cookie"))
			.noneSatisfy((header) -> assertThat(header).startsWithIgnoringCase("JSESSIONID")));
	}

	@Test
	void signedInOfficerStaysSignedInWithOnlyTheKeycardCookie() {
		Browser browser = Browser.open(this.port);
		HttpResponse<String> signIn = kept(browser.signIn("gordon"));
		assertThat(signIn.statusCode()).isEqualTo(303);
		assertThat(signIn.headers().firstValue("location")).hasValueSatisfying((location) -> assertThat(location)
			.endsWith("/"));
		HttpResponse<String> me = kept(browser.get("/me"));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("{\"name\":\"gordon\",\"authorities\":[\"ROLE_OFFICER\"]}");
		assertThat(Browser.withoutCookieJar(this.port).get("/me", "session=" + browser.cookie("session")).statusCode())
			.as("a request with the Keycard cookie alone").isEqualTo(200);
	}

	@Test
	void anonymousApiClientIsAnswered401() {
		assertThat(kept(Browser.open(this.port).get("/me")).statusCode()).isEqualTo(401);
	}

	@Test
	void anonymousBrowserSignsInAndComesBackToWhereItWasGoing() {
		Browser browser = Browser.askingForHtml(this.port);
		HttpResponse<String> me = kept(browser.get("/me"));
		assertThat(me.statusCode()).isEqualTo(302);
		assertThat(me.headers().firstValue("location")).hasValueSatisfying((location) -> assertThat(location)
			.endsWith("/"));
		HttpResponse<String> signIn = kept(browser.signIn("gordon"));
		assertThat(signIn.statusCode()).isEqualTo(303);
		String back = signIn.headers().firstValue("location").orElseThrow();
		assertThat(back).contains("/me?continue");
		HttpResponse<String> after = kept(browser.get(back.substring(back.indexOf("/me"))));
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).contains("\"name\":\"gordon\"");
	}

	@Test
	void signInRenewsTheSessionSoThatTheCookieFromBeforeCarriesNoSignIn() {
		Browser browser = Browser.open(this.port);
		kept(browser.get("/visits"));
		String before = browser.cookie("session");
		kept(browser.signIn("gordon"));
		String after = browser.cookie("session");
		assertThat(after).isNotNull().isNotEqualTo(before);
		assertThat(kept(Browser.withoutCookieJar(this.port).get("/me", "session=" + before)).statusCode())
			.as("the cookie from before sign-in").isEqualTo(401);
		assertThat(kept(browser.get("/visits")).body()).as("the values came along").isEqualTo("You have visited 2 times");
	}

	@Test
	void wrongPasswordSignsNobodyIn() {
		Browser browser = Browser.open(this.port);
		browser.fetchCsrfToken();
		HttpResponse<String> refused = kept(browser.postForm("/login", "username=joker&password=haha"));
		assertThat(refused.statusCode()).isEqualTo(303);
		assertThat(browser.signedIn()).isNull();
	}

	@Test
	void signOutEndsTheSessionAndASecondSignInStartsAfresh() {
		Browser browser = Browser.open(this.port);
		kept(browser.signIn("gordon"));
		kept(browser.get("/visits"));
		kept(browser.get("/visits"));
		String signedIn = browser.cookie("session");
		browser.fetchCsrfToken();
		HttpResponse<String> signOut = kept(browser.post("/logout"));
		assertThat(signOut.statusCode()).isEqualTo(200);
		assertThat(signOut.body()).isEqualTo("logged out");
		assertThat(browser.signedIn()).isNull();
		kept(browser.signIn("gordon"));
		assertThat(kept(browser.get("/visits")).body()).isEqualTo("You have visited 1 times");
		if (isServerSide()) {
			Browser replay = Browser.withoutCookieJar(this.port);
			assertThat(kept(replay.get("/me", "session=" + signedIn)).statusCode()).as("a replayed cookie").isEqualTo(401);
			assertThat(kept(replay.get("/session", "session=" + signedIn)).body()).isEqualTo("{}");
		}
	}

	@Test
	void signInRenewsTheCsrfToken() {
		Browser browser = Browser.open(this.port);
		String before = browser.fetchCsrfToken();
		kept(browser.signIn("gordon"));
		assertThat(kept(browser.post("/notes?note=stale")).statusCode()).as("with the token of before").isEqualTo(403);
		assertThat(browser.fetchCsrfToken()).isNotEqualTo(before);
		assertThat(kept(browser.post("/notes?note=fresh")).statusCode()).isEqualTo(303);
	}

	static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
			+ " Chrome/142.0.0.0 Safari/537.36";

	static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15"
			+ " (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1";

	@Test
	void anOfficerSignedInTwiceSignsTheOtherDeviceOut() {
		String officer = "bullock-" + UUID.randomUUID().toString().substring(0, 8);
		Browser desk = Browser.open(this.port).as(CHROME_ON_WINDOWS);
		Browser phone = Browser.open(this.port).as(SAFARI_ON_IPHONE);
		kept(desk.signIn(officer));
		kept(phone.signIn(officer));
		if (!isServerSide()) {
			assertThat(kept(desk.get("/devices")).statusCode()).as("nothing to list on the cookie store").isEqualTo(501);
			return;
		}

		List<Map<String, @Nullable Object>> devices = Browser.parseJsonArray(kept(desk.get("/devices")).body());
		assertThat(devices).hasSize(2);
		assertThat(devices).filteredOn((device) -> Boolean.TRUE.equals(device.get("current")))
			.singleElement()
			.satisfies((device) -> assertThat(device).containsEntry("userAgent", "Chrome on Windows"));
		assertThat(devices).filteredOn((device) -> Boolean.FALSE.equals(device.get("current")))
			.singleElement()
			.satisfies((device) -> assertThat(device).containsEntry("userAgent", "Safari on iOS")
				.containsKeys("createdAt", "lastSeen", "id")
				.containsEntry("ipAddress", null));

		desk.fetchCsrfToken();
		HttpResponse<String> signOutOthers = kept(desk.post("/devices/sign-out-others"));
		assertThat(signOutOthers.statusCode()).isEqualTo(200);
		assertThat(signOutOthers.body()).isEqualTo("{\"signedOut\":1}");

		assertThat(phone.signedIn()).as("the other device, on its next request").isNull();
		assertThat(desk.signedIn()).isEqualTo(officer);
		assertThat(Browser.parseJsonArray(kept(desk.get("/devices")).body())).singleElement()
			.satisfies((device) -> assertThat(device).containsEntry("current", true));
	}

	@Test
	void theActuatorListsAndRevokesEverySessionOfAnOfficer() {
		String officer = "essen-" + UUID.randomUUID().toString().substring(0, 8);
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(this.port);
		kept(desk.signIn(officer));
		kept(phone.signIn(officer));
		HttpResponse<String> listed = kept(Browser.withoutCookieJar(this.port).get("/actuator/keycard/sessions/" + officer));
		if (!isServerSide()) {
			assertThat(listed.statusCode()).as("nothing to list on the cookie store").isEqualTo(404);
			return;
		}
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(Browser.parseJsonObject(listed.body())).containsEntry("principal", officer)
			.extractingByKey("sessions")
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(2);
		assertThat(listed.body()).doesNotContain(desk.cookie("session")).doesNotContain(phone.cookie("session"));

		Browser operator = Browser.open(this.port);
		kept(operator.signIn("operator-" + officer));
		assertThat(kept(operator.delete("/actuator/keycard/sessions/" + officer)).statusCode())
			.as("with the CSRF token of before the sign-in").isEqualTo(403);
		operator.fetchCsrfToken();
		HttpResponse<String> revoked = kept(operator.delete("/actuator/keycard/sessions/" + officer));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(Browser.parseJsonObject(revoked.body())).containsEntry("revoked", 2);
		assertThat(desk.signedIn()).isNull();
		assertThat(phone.signedIn()).isNull();
		assertThat(operator.signedIn()).isEqualTo("operator-" + officer);
	}

	@Test
	void signingOutOthersNeedsTheCsrfTokenAndASignIn() {
		Browser anonymous = Browser.open(this.port);
		anonymous.fetchCsrfToken();
		assertThat(kept(anonymous.post("/devices/sign-out-others")).statusCode()).isEqualTo(401);
		Browser officer = Browser.open(this.port);
		kept(officer.signIn("montoya"));
		officer.useCsrfToken(null);
		assertThat(kept(officer.post("/devices/sign-out-others")).statusCode()).isEqualTo(403);
	}

	HttpResponse<String> kept(HttpResponse<String> response) {
		this.responses.add(response);
		return response;
	}

}
