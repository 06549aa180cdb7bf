package dev.keycard.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import dev.keycard.session.UserSession;
import dev.keycard.session.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookie sessions revoked through a revocation store, across two instances of the sample
 * application: the officer's devices are listed although the server keeps no session, "sign
 * out other devices" on one instance is refused by the other within
 * {@code app.session.revocation.max-staleness} (measured here), and "sign out everywhere"
 * through the actuator reaches every device.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCookieRevocationEndToEndTests {

	static final Duration MAX_STALENESS = Duration.ofSeconds(5);

	private @Nullable ConfigurableApplicationContext other;

	@LocalServerPort
	int port;

	@Autowired
	UserSessions userSessions;

	/** The arguments that give the other instance the same revocation store as this test's. */
	abstract String[] revocationArguments();

	@BeforeAll
	void startOtherInstance() {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
		arguments.addAll(List.of(revocationArguments()));
		this.other = new SpringApplicationBuilder(SampleApplication.class).run(arguments.toArray(String[]::new));
	}

	@AfterAll
	void stopOtherInstance() {
		if (this.other != null) {
			this.other.close();
		}
	}

	private int otherPort() {
		ConfigurableApplicationContext other = this.other;
		return other.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@Test
	void devicesOfACookieSessionAreListedWithTheCurrentOneMarked() {
		String officer = officer();
		Browser phone = Browser.open(this.port).as(AbstractSignInEndToEndTests.SAFARI_ON_IPHONE);
		phone.signIn(officer);
		Browser desk = Browser.open(this.port);
		desk.signIn(officer);

		List<Map<String, @Nullable Object>> devices = Browser.parseJsonArray(desk.get("/devices").body());

		assertThat(devices).hasSize(2);
		assertThat(devices).filteredOn((device) -> Boolean.TRUE.equals(device.get("current")))
			.singleElement()
			.satisfies((device) -> assertThat(device.get("userAgent")).isNotEqualTo("Safari on iOS"));
		assertThat(devices).anySatisfy((device) -> assertThat(device.get("userAgent")).isEqualTo("Safari on iOS"));
		assertThat(devices).allSatisfy((device) -> assertThat(device).containsKeys("createdAt", "lastSeen")
			.doesNotContainEntry("ipAddress", "127.0.0.1"));
		assertThat(Browser.parseJsonArray(Browser.withoutCookieJar(otherPort())
			.get("/devices", "session=" + phone.cookie("session"))
			.body())).as("the same list on the other instance").hasSize(2);
	}

	@Test
	void signOutOthersOnOneInstanceIsRefusedByTheOtherWithinTheBound() {
		String officer = officer();
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(this.port);
		desk.signIn(officer);
		phone.signIn(officer);
		String phoneCookie = "session=" + phone.cookie("session");
		Browser onOther = Browser.withoutCookieJar(otherPort());
		assertThat(onOther.get("/me", phoneCookie).statusCode()).as("the phone, on the other instance").isEqualTo(200);
		desk.fetchCsrfToken();

		assertThat(desk.post("/devices/sign-out-others").body()).isEqualTo("{\"signedOut\":1}");
		long revoked = System.nanoTime();
		assertThat(phone.signedIn()).as("the phone, on the instance that revoked").isNull();
		long refused;
		do {
			refused = System.nanoTime();
		}
		while (onOther.get("/me", phoneCookie).statusCode() == 200
				&& Duration.ofNanos(refused - revoked).compareTo(MAX_STALENESS.multipliedBy(2)) < 0);
		Duration took = Duration.ofNanos(refused - revoked);

		System.out.println("Revocation reached the other instance in " + took.toMillis() + " ms (bound "
				+ MAX_STALENESS.toMillis() + " ms)");
		assertThat(onOther.get("/me", phoneCookie).statusCode()).as("the phone, on the other instance").isEqualTo(401);
		assertThat(took).isLessThanOrEqualTo(MAX_STALENESS);
		assertThat(desk.signedIn()).isEqualTo(officer);
		assertThat(onOther.get("/me", "session=" + desk.cookie("session")).statusCode()).isEqualTo(200);
		assertThat(Browser.parseJsonArray(desk.get("/devices").body())).singleElement()
			.satisfies((device) -> assertThat(device.get("current")).isEqualTo(true));
	}

	@Test
	void signOutEverywhereThroughTheActuatorReachesEveryDevice() {
		String officer = officer();
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(otherPort());
		desk.signIn(officer);
		phone.signIn(officer);
		assertThat(Browser.parseJsonObject(desk.get("/actuator/keycard/sessions/" + officer).body()).get("sessions"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(2);
		desk.fetchCsrfToken();

		assertThat(desk.delete("/actuator/keycard/sessions/" + officer).statusCode()).isEqualTo(200);

		assertThat(desk.signedIn()).isNull();
		Awaitility.await("the other instance refusing the phone")
			.atMost(MAX_STALENESS)
			.until(() -> phone.signedIn() == null);
		phone.useCsrfToken(null);
		assertThat(phone.signIn(officer).statusCode()).as("signing in again").isEqualTo(303);
		assertThat(phone.signedIn()).isEqualTo(officer);
	}

	@Test
	void oneDeviceRevokedByItsIdIsRefusedAndTheOtherStays() {
		String officer = officer();
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(otherPort()).as(AbstractSignInEndToEndTests.SAFARI_ON_IPHONE);
		desk.signIn(officer);
		phone.signIn(officer);
		UserSession phoneSession = this.userSessions.list(officer, null)
			.stream()
			.filter((session) -> "Safari on iOS".equals(session.userAgent()))
			.findFirst()
			.orElseThrow();

		assertThat(this.userSessions.revoke(officer, phoneSession.id())).isTrue();

		Awaitility.await("the other instance refusing the phone")
			.atMost(MAX_STALENESS)
			.until(() -> phone.signedIn() == null);
		assertThat(desk.signedIn()).isEqualTo(officer);
		assertThat(this.userSessions.list(officer, null)).singleElement()
			.satisfies((session) -> assertThat(session.userAgent()).isNotEqualTo("Safari on iOS"));
		assertThat(this.userSessions.revoke(officer, phoneSession.id())).as("revoked already").isFalse();
		assertThat(this.userSessions.revoke("someone-else", desk.cookie("session"))).as("not a device id").isFalse();
	}

	@Test
	void signingOutRevokesTheCookieAndForgetsTheDevice() {
		String officer = officer();
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(this.port);
		desk.signIn(officer);
		phone.signIn(officer);
		phone.fetchCsrfToken();
		String copied = "session=" + phone.cookie("session");

		assertThat(phone.post("/logout").statusCode()).isEqualTo(200);

		assertThat(Browser.withoutCookieJar(this.port).get("/me", copied).statusCode())
			.as("a copy of the signed-out cookie").isEqualTo(401);

		assertThat(Browser.parseJsonArray(desk.get("/devices").body())).singleElement()
			.satisfies((device) -> assertThat(device.get("current")).isEqualTo(true));
	}

	private static String officer() {
		return "officer-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
