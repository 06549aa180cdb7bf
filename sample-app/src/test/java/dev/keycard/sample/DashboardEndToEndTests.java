package dev.keycard.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the dashboard's pages over HTTP, as a browser asking for HTML gets them
 * on the default cookie store: what each page shows, what each form keeps in the session, and
 * the limits that keep a session within a cookie.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardEndToEndTests {

	private static final Pattern HIDDEN_CSRF_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

	/** Three bytes in UTF-8: the most a character of a name or a note takes in the session. */
	private static final String WIDEST_CHARACTER = "€";

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.askingForHtml(this.port);
	}

	@Test
	void dashboardIsAPageForBrowsersAndTheOneLineHomeForOtherClients() {
		HttpResponse<String> page = this.browser.get("/");
		HttpResponse<String> line = Browser.open(this.port).get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/html"));
		assertThat(page.body()).contains("<title>Dashboard · Gotham PD</title>", "<body class=\"theme-light\">",
				"What is in my session");
		assertThat(line.headers().firstValue("content-type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/plain"));
		assertThat(line.body()).startsWith("Keycard sample. Signed in as: nobody.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/cases", "/cases/7" })
	void everyFormOfEveryPageCarriesTheSessionsCsrfToken(String path) {
		signIn("Gordon");

		String page = this.browser.get(path).body();

		List<String> tokens = hiddenCsrfTokens(page);
		assertThat(tokens).hasSize(count(page, "<form")).allSatisfy((token) -> assertThat(token).isNotBlank());
		assertThat(count(page, "<form")).isGreaterThanOrEqualTo(2);
		this.browser.useCsrfToken(null);
		assertThat(this.browser.postForm("/notes", "note=from+the+page&_csrf=" + encode(tokens.get(0))).statusCode())
			.as("a token from the page").isEqualTo(303);
	}

	@Test
	void signInRedirectsWith303ToTheDashboardWhichShowsTheOfficer() {
		String token = hiddenCsrfTokens(this.browser.get("/").body()).get(0);

		HttpResponse<String> response = this.browser.postForm("/login",
				"username=Gordon&password=gotham&_csrf=" + encode(token));

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("location")).hasValue("/");
		assertThat(this.browser.get("/").body()).contains("Signed in as <strong id=\"user\">Gordon</strong>")
			.doesNotContain("id=\"sign-in\"");
	}

	@Test
	void signInWithABlankNameIsRefusedWithAFlashError() {
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.postForm("/login", "username=+++&password=gotham");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.get("/").body()).contains("Enter your name to sign in.", "id=\"sign-in\"");
		assertThat(this.browser.signedIn()).isNull();
	}

	@Test
	void signInWithANameOfMoreThan40CharactersIsRefusedWithAFlashError() {
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.postForm("/login",
				"username=" + "n".repeat(41) + "&password=gotham");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.get("/").body()).contains("A name has at most 40 characters.", "id=\"sign-in\"");
		assertThat(this.browser.signedIn()).isNull();
	}

	@Test
	void signInWithAWrongPasswordIsRefusedWithAFlashError() {
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.postForm("/login", "username=joker&password=haha");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.get("/").body()).contains("Wrong password", "id=\"sign-in\"");
		assertThat(this.browser.signedIn()).isNull();
	}

	@Test
	void themePickerKeepsDarkOnEveryPage() {
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.postForm("/theme", "theme=dark");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.session()).containsEntry("theme", "dark");
		for (String path : List.of("/", "/cases", "/cases/7")) {
			assertThat(this.browser.get(path).body()).as(path).contains("<body class=\"theme-dark\">");
		}
	}

	@Test
	void themePickerRefusesAnyThemeButLightAndDarkWithAFlashError() {
		this.browser.fetchCsrfToken();
		this.browser.postForm("/theme", "theme=dark");
		this.browser.get("/");

		HttpResponse<String> response = this.browser.postForm("/theme", "theme=purple");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.browser.get("/").body()).contains("Pick the light or the dark theme.")
			.contains("<body class=\"theme-dark\">");
		assertThat(this.browser.session()).containsEntry("theme", "dark");
	}

	@Test
	void notesKeepTheLatestFive() {
		this.browser.fetchCsrfToken();

		for (int note = 1; note <= 7; note++) {
			this.browser.postForm("/notes", "note=Note+" + note);
		}

		assertThat(this.browser.session()).containsEntry("notes",
				List.of("Note 3", "Note 4", "Note 5", "Note 6", "Note 7"));
		assertThat(this.browser.get("/").body()).contains("<li>Note 3</li>", "<li>Note 7</li>")
			.doesNotContain("<li>Note 2</li>");
	}

	@Test
	void noteOfMoreThan120CharactersIsRefusedWithAFlashError() {
		this.browser.fetchCsrfToken();

		this.browser.postForm("/notes", "note=" + "n".repeat(121));

		assertThat(this.browser.get("/").body())
			.contains("A note has at most 120 characters; that one had 121.");
		assertThat(this.browser.session()).doesNotContainKey("notes");
	}

	/**
	 * The longest name, case number and notes, in characters that take three bytes each, and a
	 * flash message waiting for its redirect: a session that did not fit would fail with 500.
	 */
	@Test
	void fullestSessionTheFormsAllowStillFitsInTheCookie() {
		String widestName = WIDEST_CHARACTER.repeat(OfficerAuthenticationProvider.MAX_NAME_LENGTH);
		String widestNote = WIDEST_CHARACTER.repeat(ShiftNotes.MAX_LENGTH);
		this.browser.fetchCsrfToken();
		List<Integer> statuses = new ArrayList<>();
		List<Integer> cookieLengths = new ArrayList<>();

		statuses.add(followRedirect(this.browser.signIn(widestName)));
		this.browser.fetchCsrfToken();
		statuses.add(followRedirect(this.browser.postForm("/theme", "theme=light")));
		statuses.add(this.browser.get("/cases/" + "9".repeat(100)).statusCode());
		for (int note = 0; note < ShiftNotes.MAX_NOTES; note++) {
			HttpResponse<String> response = this.browser.postForm("/notes", "note=" + encode(widestNote));
			cookieLengths.add(("session=" + this.browser.cookie("session")).length());
			statuses.add(followRedirect(response));
		}

		assertThat(statuses).containsOnly(200);
		assertThat(this.browser.signedIn()).isEqualTo(widestName);
		assertThat(this.browser.session()).containsEntry("notes", List.of(widestNote, widestNote, widestNote, widestNote, widestNote));
		assertThat(cookieLengths).allSatisfy((length) -> assertThat(length).isLessThan(4096));
	}

	@Test
	void casePageIsLargerThan64KilobytesAndTheDashboardRemembersTheCase() {
		HttpResponse<String> casePage = this.browser.get("/cases/7");

		assertThat(casePage.statusCode()).isEqualTo(200);
		assertThat(casePage.body().length()).isGreaterThan(64 * 1024);
		assertThat(casePage.body()).contains("Frozen vault at the Gotham Diamond Exchange");
		assertThat(this.browser.get("/").body()).contains("#7 Frozen vault at the Gotham Diamond Exchange");
	}

	@Test
	void errorPagesWearTheOfficersTheme() {
		this.browser.get("/");
		this.browser.fetchCsrfToken();
		this.browser.postForm("/theme", "theme=dark");

		HttpResponse<String> response = this.browser.get("/no-such-page");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("<body class=\"theme-dark\">", "404 · Not Found");
	}

	@Test
	void caseNumberThatCannotBeACaseIsNotFoundAndNotRemembered() {
		HttpResponse<String> response = this.browser.get("/cases/" + "9".repeat(101));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("404 · Not Found", "Back to the dashboard");
		assertThat(this.browser.session()).doesNotContainKey("lastCase");
	}

	@Test
	void caseListLinksEveryOpenCase() {
		String page = this.browser.get("/cases").body();

		for (CaseFile caseFile : CaseFile.OPEN_CASES) {
			assertThat(page).contains("href=\"/cases/" + caseFile.id() + "\"", caseFile.title());
		}
	}

	@Test
	void flashMessageIsShownOnceAfterTheRedirect() {
		this.browser.fetchCsrfToken();
		this.browser.postForm("/theme", "theme=dark");

		String afterRedirect = this.browser.get("/").body();
		String afterReload = this.browser.get("/").body();

		assertThat(afterRedirect).contains("<p id=\"flash-message\" class=\"flash message\">Theme saved</p>");
		assertThat(afterReload).doesNotContain("flash-message", "Theme saved");
	}

	@Test
	void signOutForBrowsersRedirectsToTheDashboardSayingSignedOut() {
		signIn("Gordon");
		this.browser.fetchCsrfToken();

		HttpResponse<String> response = this.browser.post("/logout");

		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("location")).hasValue("/");
		assertThat(this.browser.get("/").body()).contains("Signed out", "id=\"sign-in\"").doesNotContain("Gordon");
	}

	@Test
	void noResponseOfAWholeShiftSetsAJsessionidCookie() {
		List<HttpResponse<String>> responses = new ArrayList<>();
		responses.add(this.browser.get("/"));
		this.browser.fetchCsrfToken();
		responses.add(this.browser.signIn("Gordon"));
		responses.add(this.browser.get("/"));
		this.browser.fetchCsrfToken();
		responses.add(this.browser.postForm("/theme", "theme=dark"));
		responses.add(this.browser.get("/"));
		responses.add(this.browser.postForm("/notes", "note=Check+the+docks"));
		responses.add(this.browser.get("/"));
		responses.add(this.browser.get("/cases/7"));
		responses.add(this.browser.post("/logout"));
		responses.add(this.browser.get("/"));

		List<String> cookieNames = responses.stream()
			.flatMap((response) -> SetCookie.allOf(response).stream())
			.map(SetCookie::name)
			.toList();
		assertThat(cookieNames).contains("session").doesNotContain("JSESSIONID");
	}

	@Test
	void sessionPanelShowsTheStoreTheSizeOfTheCookieThisPageSetsAndTheContents() {
		String firstPage = this.browser.get("/").body();
		String firstCookie = "session=" + this.browser.cookie("session");
		assertThat(firstPage).contains("<span id=\"cookie-size\">" + firstCookie.length() + "</span> bytes")
			.contains("as this page sets it");

		String page = this.browser.get("/").body();
		String cookieSet = "session=" + this.browser.cookie("session");

		assertThat(cookieSet).isNotEqualTo(firstCookie);
		assertThat(page).contains("<code id=\"store\">cookie</code>")
			.contains("signed (readable, not changeable)")
			.contains("<span id=\"cookie-size\">" + cookieSet.length() + "</span> bytes")
			.contains("HttpSessionCsrfTokenRepository.CSRF_TOKEN")
			.contains("&quot;count&quot; : 2");
	}

	private void signIn(String name) {
		assertThat(this.browser.signIn(name).statusCode()).isEqualTo(303);
	}

	/** Follow a 303 as a browser does, and return the status of the page it leads to. */
	private int followRedirect(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(303);
		return this.browser.get(response.headers().firstValue("location").orElseThrow()).statusCode();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static List<String> hiddenCsrfTokens(String page) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = HIDDEN_CSRF_TOKEN.matcher(page);
		while (matcher.find()) {
			tokens.add(matcher.group(1));
		}
		return tokens;
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
