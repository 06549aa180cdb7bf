package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.web.authentication.session.SessionLimit;

import dev.keycard.session.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's {@code maximumSessions(n)} on one server-side store, over real sockets:
 * twenty sign-ins of one officer at the same moment under a limit of one leave exactly one
 * signed in, and sign-ins one after the other under a limit of two sign the oldest out. The
 * sample's own filter chain is unchanged; the limit comes from a customizer bean, as an
 * application may add it, and depends on the officer: two for names that start with
 * {@code pair-}, one for the others.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AbstractMaximumSessionsEndToEndTests.SessionLimits.class)
abstract class AbstractMaximumSessionsEndToEndTests {

	private static final int SIMULTANEOUS_SIGN_INS = 20;

	@LocalServerPort
	int port;

	@Autowired
	UserSessions userSessions;

	@Test
	void twentySimultaneousSignInsUnderMaximumSessionsOneLeaveExactlyOneSignedIn() throws Exception {
		String officer = "renee-" + UUID.randomUUID().toString().substring(0, 8);
		List<Browser> browsers = IntStream.range(0, SIMULTANEOUS_SIGN_INS).mapToObj((i) -> Browser.open(this.port)).toList();
		// Each browser has its session and CSRF token first, as a browser that shows the form does.
		browsers.forEach(Browser::fetchCsrfToken);
		CyclicBarrier start = new CyclicBarrier(SIMULTANEOUS_SIGN_INS);
		ExecutorService threads = Executors.newFixedThreadPool(SIMULTANEOUS_SIGN_INS);
		List<HttpResponse<String>> signIns = new ArrayList<>();
		try {
			List<Future<HttpResponse<String>>> sent = browsers.stream().map((browser) -> threads.submit(() -> {
				start.await();
				return browser.signIn(officer);
			})).toList();
			for (Future<HttpResponse<String>> signIn : sent) {
				signIns.add(signIn.get());
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(signIns).as("every sign-in was accepted").allSatisfy((signIn) -> assertThat(signIn.statusCode())
			.isEqualTo(303));
		assertThat(browsers).filteredOn((browser) -> officer.equals(browser.signedIn()))
			.as("browsers still signed in on their next request")
			.hasSize(1);
		assertThat(this.userSessions.list(officer, null)).hasSize(1);
	}

	@Test
	void aThirdSignInUnderMaximumSessionsTwoSignsTheOldestOut() {
		String officer = "pair-" + UUID.randomUUID().toString().substring(0, 8);
		Browser desk = Browser.open(this.port);
		Browser phone = Browser.open(this.port);
		Browser laptop = Browser.open(this.port);
		assertThat(desk.signIn(officer).statusCode()).isEqualTo(303);
		assertThat(phone.signIn(officer).statusCode()).isEqualTo(303);
		assertThat(desk.signedIn()).as("two sign-ins are allowed").isEqualTo(officer);

		assertThat(laptop.signIn(officer).statusCode()).isEqualTo(303);

		assertThat(desk.signedIn()).as("the oldest sign-in, on its next request").isNull();
		assertThat(phone.signedIn()).isEqualTo(officer);
		assertThat(laptop.signedIn()).isEqualTo(officer);
		assertThat(this.userSessions.list(officer, null)).hasSize(2);
	}

	/** {@code maximumSessions} added to the sample's chain, as a bean Spring Security applies to every chain. */
	@TestConfiguration(proxyBeanMethods = false)
	static final class SessionLimits {

		@Bean
		Customizer<SessionManagementConfigurer<HttpSecurity>> sessionLimitPerOfficer() {
			SessionLimit limit = (authentication) -> authentication.getName().startsWith("pair-") ? 2 : 1;
			return (sessions) -> sessions.sessionConcurrency((concurrency) -> concurrency.maximumSessions(limit));
		}

	}

}
