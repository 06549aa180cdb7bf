package dev.keycard.session.tomcat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commit path on a real Tomcat, where responses really commit: every way a handler can
 * finish saves the session (spring-session#3755 lost it for a {@code String} body on Boot 4),
 * error pages read and write the session, every response that read the session is kept from
 * shared caches, and a change that comes after the response committed leaves the stored
 * session exactly as it was.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractSessionCommitOnTomcatTests {

	@LocalServerPort
	int port;

	Browser browser() {
		return new Browser(this.port);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/string", "/view", "/entity", "/redirect", "/send-error", "/large", "/streaming",
			"/callable" })
	void everyWayAHandlerFinishesSavesTheSession(String path) {
		Browser browser = browser();
		HttpResponse<String> first = browser.get(path);
		assertThat(first.headers().allValues("Set-Cookie")).as("Set-Cookie of %s", path)
			.anySatisfy((header) -> assertThat(header).startsWith("session="));
		browser.get(path);
		assertThat(browser.get("/values").body()).contains("\"count\":2");
	}

	/** .ci/run runs the tests again on JDK 25 with virtual threads: this checks that they are really on. */
	@Test
	void requestsRunOnVirtualThreadsExactlyWhenTheRunAsksForThem() {
		boolean asked = Boolean.getBoolean("spring.threads.virtual.enabled") && Runtime.version().feature() >= 21;
		String thread = browser().get("/thread").body();
		if (asked) {
			assertThat(thread).isEqualTo("java.lang.VirtualThread");
		}
		else {
			assertThat(thread).isNotEqualTo("java.lang.VirtualThread");
		}
	}

	@Test
	void largeBodyArrivesWhole() {
		HttpResponse<String> response = browser().get("/large");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).hasSize(CommitTestApplication.LARGE_BODY);
	}

	@Test
	void responseThatOnlyReadsTheSessionIsPrivateToItsClient() {
		Browser browser = browser();
		browser.get("/string");
		HttpResponse<String> read = browser.get("/values");
		assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(read.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("Cookie"));
		assertThat(read.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(cacheControl) -> assertThat(cacheControl).contains("private"));
	}

	@Test
	void responseThatReadsANewSessionIsPrivateToo() {
		HttpResponse<String> read = browser().get("/values");
		assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(read.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("Cookie"));
		assertThat(read.headers().firstValue("Cache-Control")).hasValue("private");
	}

	@Test
	void stricterCacheControlOfTheApplicationIsKept() {
		Browser browser = browser();
		browser.get("/string");
		HttpResponse<String> read = browser.get("/no-store");
		assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void errorPageAfterSendErrorReadsTheSessionAndItsChangesAreSaved() {
		Browser browser = browser();
		browser.get("/string");
		HttpResponse<String> error = browser.get("/send-error");
		assertThat(error.statusCode()).isEqualTo(418);
		assertThat(error.body()).as("the error page sees the handler's change").contains("\"sessionCount\":2");
		assertThat(browser.get("/values").body()).contains("\"count\":2").contains("\"errorPage\":\"418\"");
	}

	@Test
	void errorPageAfterAFailedHandlerSeesTheStoredSessionAndSavesItsOwnChange() {
		Browser browser = browser();
		browser.get("/string");
		HttpResponse<String> error = browser.get("/throw");
		assertThat(error.statusCode()).isEqualTo(500);
		assertThat(error.body()).as("the error page sees the session as stored").contains("\"sessionCount\":1");
		String values = browser.get("/values").body();
		assertThat(values).contains("\"count\":1").contains("\"errorPage\":\"500\"").doesNotContain("half");
	}

	@Test
	void regenerateAfterTheResponseCommittedLeavesTheSessionAsItWas(CapturedOutput output) {
		Browser browser = browser();
		browser.get("/string");
		String before = browser.cookie();
		clearStoreRecord();
		HttpResponse<String> late = browser.get("/late-regenerate");
		assertThat(late.body()).isEqualTo("committed first");
		assertThat(late.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(storeWritesSinceCleared()).as("store writes after commit").isZero();
		assertThat(browser.cookie()).isEqualTo(before);
		assertThat(browser.get("/values").body()).contains("\"count\":1").doesNotContain("after");
		assertThat(output).contains("Session not saved, and its store left as it was")
			.contains("response was already committed");
	}

	@Test
	void firstSaveAfterTheResponseCommittedLeavesNothingBehind() {
		Browser browser = browser();
		clearStoreRecord();
		HttpResponse<String> late = browser.get("/late-first-save");
		assertThat(late.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(storeWritesSinceCleared()).as("store writes after commit").isZero();
		assertThat(browser.get("/values").body()).isEqualTo("{}");
	}

	/** Forget the writes recorded so far, where there is a store. */
	abstract void clearStoreRecord();

	/** How many store writes since {@link #clearStoreRecord()}: 0 for the cookie store. */
	abstract int storeWritesSinceCleared();

	static List<String> sessionCookies(HttpResponse<String> response) {
		return response.headers().allValues("Set-Cookie").stream().filter((header) -> header.startsWith("session=")).toList();
	}

}
