package dev.keycard.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An officer's shift on the dashboard, in Chromium, on one session store: the dashboard works
 * unchanged on every store and says which one keeps the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(ChromiumExtension.class)
abstract class AbstractDashboardBrowserTests {

	@LocalServerPort
	int port;

	@Value("${app.session.store}")
	String store;

	@Value("${app.session.revocation.store:none}")
	String revocationStore;

	@Test
	void anOfficerOnTwoDevicesSignsTheOtherOutFromTheDashboard(Chromium chromium) {
		Browser phone = Browser.open(this.port).as(AbstractSignInEndToEndTests.SAFARI_ON_IPHONE);
		phone.signIn("Montoya");
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();
		dashboard.signIn("Montoya");
		if ("cookie".equals(this.store) && "none".equals(this.revocationStore)) {
			assertThat(dashboard.saysThereAreNoDevicesToList()).isTrue();
			assertThat(dashboard.devices()).isEmpty();
			return;
		}
		assertThat(dashboard.devices()).hasSize(2)
			.anySatisfy((device) -> assertThat(device).startsWith("Chrome on Linux (this device) signed in"))
			.anySatisfy((device) -> assertThat(device).startsWith("Safari on iOS signed in"));

		dashboard.signOutOtherDevices();

		assertThat(dashboard.flashMessage()).isEqualTo("1 other device signed out.");
		assertThat(dashboard.devices()).singleElement()
			.satisfies((device) -> assertThat(device).startsWith("Chrome on Linux (this device)"));
		assertThat(phone.signedIn()).as("the phone, on its next request").isNull();
		assertThat(dashboard.signedInUser()).isEqualTo("Montoya");
	}

	@Test
	void wholeShiftShowsTheOfficerTheDarkThemeTheLastCaseAndTheNotes(Chromium chromium) {
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();

		dashboard.signIn("Gordon");
		dashboard.pickTheme("dark");
		dashboard.openCase("7");
		dashboard.open();
		dashboard.addNote("Stake out the Diamond Exchange at midnight.");
		dashboard.addNote("Ask Batman about the frost on the vault door.");

		assertThat(dashboard.signedInUser()).isEqualTo("Gordon");
		assertThat(dashboard.bodyClass()).isEqualTo("theme-dark");
		assertThat(dashboard.lastCase()).isEqualTo("#7 Frozen vault at the Gotham Diamond Exchange");
		assertThat(dashboard.notes()).containsExactly("Stake out the Diamond Exchange at midnight.",
				"Ask Batman about the frost on the vault door.");
		assertThat(dashboard.flashMessage()).isEqualTo("Note added");
		assertThat(dashboard.store()).isEqualTo(this.store);
		assertThat(dashboard.cookieSize()).isPositive();
		assertThat(dashboard.sessionContents()).contains("\"name\" : \"Gordon\"", "\"theme\" : \"dark\"",
				"\"lastCase\" : \"7\"", "Ask Batman");
		assertThat(chromium.driver().manage().getCookies()).extracting(Cookie::getName)
			.contains("session")
			.doesNotContain("JSESSIONID");
	}

}
