package dev.keycard.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The pages of the sample application as an officer uses them in {@link Chromium}: what can
 * be done (sign in, pick a theme, open a case, add a note, sign out), each by filling in and
 * submitting the page's own forms, and what the dashboard shows.
 */
final class DashboardPage {

	private final Chromium chromium;

	private final String base;

	DashboardPage(Chromium chromium, int port) {
		this.chromium = chromium;
		this.base = "http://localhost:" + port;
	}

	String url(String path) {
		return this.base + path;
	}

	DashboardPage open() {
		this.chromium.open(url("/"));
		return this;
	}

	void signIn(String name) {
		driver().findElement(By.id("username")).sendKeys(name);
		driver().findElement(By.id("password")).sendKeys(OfficerAuthenticationProvider.PASSWORD);
		submit(By.cssSelector("#sign-in button[type=submit]"));
	}

	void pickTheme(String theme) {
		submit(By.id("theme-" + theme));
	}

	void addNote(String note) {
		driver().findElement(By.id("note")).sendKeys(note);
		submit(By.cssSelector("#add-note button[type=submit]"));
	}

	/**
	 * Open the case list, then the case with a number, by its link.
	 * @param id the case number
	 */
	void openCase(String id) {
		this.chromium.open(url("/cases"));
		submit(By.id("case-" + id));
	}

	void signOut() {
		submit(By.cssSelector("#sign-out button[type=submit]"));
	}

	String title() {
		return driver().getTitle();
	}

	String bodyClass() {
		return driver().findElement(By.tagName("body")).getDomAttribute("class");
	}

	@Nullable String signedInUser() {
		return textOf(By.id("user"));
	}

	boolean offersSignIn() {
		return !driver().findElements(By.id("sign-in")).isEmpty();
	}

	@Nullable String themeName() {
		return textOf(By.id("theme-name"));
	}

	@Nullable String lastCase() {
		return textOf(By.id("last-case"));
	}

	int visits() {
		return Integer.parseInt(driver().findElement(By.id("visits")).getText());
	}

	List<String> notes() {
		return driver().findElements(By.cssSelector("#notes li")).stream().map(WebElement::getText).toList();
	}

	@Nullable String flashMessage() {
		return textOf(By.id("flash-message"));
	}

	@Nullable String store() {
		return textOf(By.id("store"));
	}

	int cookieSize() {
		return Integer.parseInt(driver().findElement(By.id("cookie-size")).getText());
	}

	/** Each device of the Devices card, as the officer reads it: "Chrome on Linux (this device) signed in ...". */
	List<String> devices() {
		return driver().findElements(By.cssSelector("#devices li")).stream().map(WebElement::getText).toList();
	}

	boolean saysThereAreNoDevicesToList() {
		return !driver().findElements(By.id("no-devices")).isEmpty();
	}

	void signOutOtherDevices() {
		submit(By.cssSelector("#sign-out-others button[type=submit]"));
	}

	String sessionContents() {
		return driver().findElement(By.id("session-contents")).getText();
	}

	private void submit(By button) {
		this.chromium.clickAndWaitForNextPage(driver().findElement(button));
	}

	private @Nullable String textOf(By element) {
		List<WebElement> found = driver().findElements(element);
		return found.isEmpty() ? null : found.get(0).getText();
	}

	private WebDriver driver() {
		return this.chromium.driver();
	}

}
