package dev.keycard.session.tomcat;

import java.net.http.HttpResponse;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.RecordingSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commit path on Tomcat with the session in a server-side store, whose every round trip
 * is recorded.
 */
@SpringBootTest(classes = { CommitTestApplication.class, ServerStoreCommitOnTomcatTests.Store.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa")
class ServerStoreCommitOnTomcatTests extends AbstractSessionCommitOnTomcatTests {

	@Autowired
	RecordingSessionStore store;

	@AfterEach
	void storeAnswersAgain() {
		this.store.failLoadsWith(null);
		this.store.failSavesWith(null);
	}

	@Override
	void clearStoreRecord() {
		this.store.clear();
	}

	@Override
	int storeWritesSinceCleared() {
		return this.store.writes();
	}

	@Test
	void errorPageAfterAStoreOutageNeitherWaitsForTheStoreAgainNorSaves() {
		Browser browser = browser();
		browser.get("/string");
		this.store.clear();
		this.store.failLoadsWith(new SessionStoreUnavailableException("test outage", new IllegalStateException()));
		HttpResponse<String> response = browser.get("/string");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).as("the error page saw an empty session").contains("\"sessionCount\":null");
		assertThat(this.store.loadCount).as("loads, the error page's included").hasValue(1);
		assertThat(this.store.writes()).isZero();
		this.store.failLoadsWith(null);
		assertThat(browser.get("/values").body()).contains("\"count\":1").doesNotContain("errorPage");
	}

	/**
	 * The save runs inside Jackson, which wraps what it throws: the outage must still be found
	 * and answered 503, on a response that has not committed, rather than 500.
	 */
	@Test
	void outageWhileAJsonBodyLargerThanTheBufferIsWrittenIsAnswered503() {
		Browser browser = browser();
		browser.get("/string");
		this.store.clear();
		this.store.failSavesWith(new SessionStoreUnavailableException("test outage", new IllegalStateException()));
		HttpResponse<String> response = browser.get("/large-json");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("xxxx");
		assertThat(this.store.saves).isEmpty();
		this.store.failSavesWith(null);
		assertThat(browser.get("/values").body()).contains("\"count\":1");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Store {

		@Bean
		RecordingSessionStore recordingSessionStore() {
			return new RecordingSessionStore(new MemorySessionStore(1_000, Clock.systemUTC()));
		}

	}

}
