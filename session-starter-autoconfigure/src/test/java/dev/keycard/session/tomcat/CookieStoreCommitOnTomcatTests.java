package dev.keycard.session.tomcat;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The commit path on Tomcat with the session in the cookie.
 */
@SpringBootTest(classes = CommitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa")
class CookieStoreCommitOnTomcatTests extends AbstractSessionCommitOnTomcatTests {

	@Override
	void clearStoreRecord() {
	}

	@Override
	int storeWritesSinceCleared() {
		return 0;
	}

}
