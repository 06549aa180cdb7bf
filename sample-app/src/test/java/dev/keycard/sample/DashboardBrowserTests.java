package dev.keycard.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in Chromium, on the default cookie store, with the browser's real cookie
 * rules: what the officer sees, what survives a reload, a restart of the browser and a
 * sign-out, and what a tampered cookie, a forged form and page scripts can and cannot do.
 */
class DashboardBrowserTests extends AbstractDashboardBrowserTests {

	@Test
	void officerAskingForAPrivatePageSignsInAndComesBackToIt(Chromium chromium) {
		DashboardPage dashboard = new DashboardPage(chromium, this.port);
		chromium.open(dashboard.url("/me"));
		assertThat(dashboard.offersSignIn()).as("sent to the sign-in form").isTrue();

		dashboard.signIn("Gordon");

		assertThat(chromium.driver().getCurrentUrl()).startsWith(dashboard.url("/me"));
		assertThat(chromium.driver().findElement(By.tagName("body")).getText()).contains("\"name\":\"Gordon\"");
		assertThat(chromium.driver().manage().getCookies()).extracting(Cookie::getName)
			.contains("session")
			.doesNotContain("JSESSIONID");
	}

	@Test
	void darkThemeIsKeptOnReloadAndAppliedOnEveryPage(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");

		dashboard.pickTheme("dark");
		chromium.reload();

		assertThat(dashboard.bodyClass()).isEqualTo("theme-dark");
		assertThat(dashboard.themeName()).isEqualTo("Dark");
		chromium.open(dashboard.url("/cases"));
		assertThat(dashboard.bodyClass()).isEqualTo("theme-dark");
		chromium.open(dashboard.url("/cases/3"));
		assertThat(dashboard.bodyClass()).isEqualTo("theme-dark");
	}

	@Test
	void lastCaseViewedIsRememberedAfterTheBrowserRestartsWithTheSessionCookieKept(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");
		dashboard.openCase("7");
		Cookie kept = chromium.driver().manage().getCookieNamed("session");
		assertThat(kept).isNotNull();

		chromium.restart();
		// A page of the site that leaves the session alone, so that the cookie can be set for the site.
		chromium.open(dashboard.url("/dashboard.css"));
		assertThat(chromium.driver().manage().getCookies()).isEmpty();
		chromium.driver().manage().addCookie(copyOf(kept, kept.getValue()));
		dashboard.open();

		assertThat(dashboard.lastCase()).isEqualTo("#7 Frozen vault at the Gotham Diamond Exchange");
		assertThat(dashboard.signedInUser()).isEqualTo("Gordon");
	}

	@Test
	void signingOutForgetsTheOfficerTheThemeTheCaseAndTheNotes(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");
		dashboard.pickTheme("dark");
		dashboard.openCase("7");
		dashboard.open();
		dashboard.addNote("Check the docks.");

		dashboard.signOut();

		assertThat(dashboard.flashMessage()).isEqualTo("Signed out");
		assertThat(dashboard.signedInUser()).isNull();
		assertThat(dashboard.offersSignIn()).isTrue();
		assertThat(dashboard.bodyClass()).isEqualTo("theme-light");
		assertThat(dashboard.lastCase()).isNull();
		assertThat(dashboard.notes()).isEmpty();
		assertThat(dashboard.visits()).isEqualTo(1);
		assertThat(dashboard.sessionContents()).doesNotContain("Gordon", "dark", "lastCase", "Check the docks");
	}

	@Test
	void pageScriptsCannotReadTheHttpOnlySessionCookieButCanReadAnOrdinaryOne(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");
		chromium.driver().manage().addCookie(new Cookie.Builder("probe", "readable").path("/").build());

		Object visibleToScripts = chromium.execute("return document.cookie");

		assertThat(chromium.driver().manage().getCookieNamed("session")).isNotNull();
		assertThat(visibleToScripts).asString().contains("probe=readable").doesNotContain("session=");
		assertThat(dashboard.signedInUser()).isEqualTo("Gordon");
	}

	@Test
	void tamperedSessionCookieGivesAFreshSignedOutDashboardNotAnErrorPage(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");
		dashboard.pickTheme("dark");
		Cookie issued = chromium.driver().manage().getCookieNamed("session");
		assertThat(issued).isNotNull();
		String tampered = withOneCharacterChanged(issued.getValue());

		chromium.driver().manage().deleteCookieNamed("session");
		chromium.driver().manage().addCookie(copyOf(issued, tampered));
		chromium.reload();

		assertThat(dashboard.title()).isEqualTo("Dashboard · Gotham PD");
		assertThat(dashboard.signedInUser()).isNull();
		assertThat(dashboard.offersSignIn()).isTrue();
		assertThat(dashboard.bodyClass()).isEqualTo("theme-light");
		assertThat(dashboard.visits()).isEqualTo(1);
		assertThat(chromium.driver().manage().getCookieNamed("session").getValue()).isNotEqualTo(tampered);
	}

	@Test
	void formWithAWrongCsrfTokenIsRefusedWithThe403PageAndChangesNothing(Chromium chromium) {
		DashboardPage dashboard = signedIn(chromium, "Gordon");
		chromium.execute("document.querySelector('#add-note input[name=_csrf]').value = arguments[0]",
				"Tn9ZbU1cL8xQe3VrK5wHs2DpG7aMf4YjR0oEi6NtB1c");

		dashboard.addNote("A note a forged form must not save.");

		assertThat(dashboard.title()).isEqualTo("Request refused · Gotham PD");
		assertThat(chromium.driver().findElement(By.id("refused")).getText()).isEqualTo("403 · Request refused");
		chromium.screenshot("DashboardBrowserTests-csrf-rejected");
		dashboard.open();
		assertThat(dashboard.notes()).isEmpty();
		assertThat(dashboard.signedInUser()).isEqualTo("Gordon");
	}

	@Test
	void flashMessageShowsOnceAfterTheRedirectAndIsGoneOnReload(Chromium chromium) {
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();

		dashboard.addNote("Check the docks.");
		String afterRedirect = dashboard.flashMessage();
		chromium.reload();

		assertThat(afterRedirect).isEqualTo("Note added");
		assertThat(dashboard.flashMessage()).isNull();
		assertThat(dashboard.notes()).containsExactly("Check the docks.");
	}

	@Test
	void noJsessionidCookieAppearsThroughAWholeShift(Chromium chromium) {
		WebDriver driver = chromium.driver();
		List<String> cookiesSeen = new ArrayList<>();
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));
		dashboard.signIn("Gordon");
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));
		dashboard.pickTheme("dark");
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));
		dashboard.addNote("Check the docks.");
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));
		dashboard.openCase("13");
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));
		dashboard.open();
		dashboard.signOut();
		driver.manage().getCookies().forEach((cookie) -> cookiesSeen.add(cookie.getName()));

		assertThat(cookiesSeen).contains("session").doesNotContain("JSESSIONID");
	}

	private DashboardPage signedIn(Chromium chromium, String name) {
		DashboardPage dashboard = new DashboardPage(chromium, this.port).open();
		dashboard.signIn(name);
		assertThat(dashboard.signedInUser()).isEqualTo(name);
		return dashboard;
	}

	/** The cookie as the server set it, host-only as it was, with another value. */
	private static Cookie copyOf(Cookie cookie, String value) {
		return new Cookie.Builder(cookie.getName(), value).path(cookie.getPath())
			.expiresOn(cookie.getExpiry())
			.isHttpOnly(cookie.isHttpOnly())
			.sameSite(cookie.getSameSite())
			.build();
	}

	private static String withOneCharacterChanged(String value) {
		int middle = value.length() / 2;
		char changed = (value.charAt(middle) == 'A') ? 'B' : 'A';
		return value.substring(0, middle) + changed + value.substring(middle + 1);
	}

}
