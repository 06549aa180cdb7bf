package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.keycard.session.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation under load: 32 signed-in clients (16 officers, two devices each) count 500 visits
 * each while four officers are signed out everywhere in the middle. No request that starts
 * after the revocation returned (and, across instances, the staleness bound passed) is served
 * the revoked session, not even by a write that was in flight, and every other client's count
 * is exact: nothing else is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractRevocationUnderLoadTests {

	private static final int OFFICERS = 16;

	private static final int REVOKED_OFFICERS = 4;

	private static final int VISITS = 500;

	/** Every client has counted this far before the revocation, and waits for it here... */
	private static final int BEFORE_REVOCATION = 100;

	/** ...so that each still makes this many requests after it. */
	private static final int WAIT_FOR_REVOCATION_AT = 250;

	/** Visits each revoked client makes at least once the revocation must hold. */
	private static final int MIN_VISITS_AFTER_REVOCATION = 50;

	private static final Pattern COUNT = Pattern.compile("You have visited (\\d+) times");

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	int port;

	@Autowired
	UserSessions userSessions;

	/** The port the clients send their requests to. */
	int clientPort() {
		return this.port;
	}

	/** How long a revocation may take to reach the instance the clients use. */
	Duration bound() {
		return Duration.ZERO;
	}

	@Test
	void revokedSessionsAreNeverServedAgainAndNothingElseIsLost() throws Exception {
		List<Client> clients = new ArrayList<>();
		for (int officer = 0; officer < OFFICERS; officer++) {
			for (int device = 0; device < 2; device++) {
				Client client = new Client(officerName(officer), officer < REVOKED_OFFICERS,
						Browser.open(clientPort()));
				assertThat(client.browser.signIn(client.officer).statusCode()).isEqualTo(303);
				clients.add(client);
			}
		}
		CountDownLatch countedBefore = new CountDownLatch(clients.size());
		CountDownLatch revoked = new CountDownLatch(1);
		Revocation revocation = new Revocation();
		ExecutorService executor = Executors.newFixedThreadPool(clients.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (Client client : clients) {
				running.add(executor.submit(() -> {
					client.visit(countedBefore, revoked, revocation, bound().toNanos());
					return null;
				}));
			}
			assertThat(countedBefore.await(60, TimeUnit.SECONDS)).isTrue();
			int sessionsRevoked = 0;
			revocation.started.set(System.nanoTime());
			for (int officer = 0; officer < REVOKED_OFFICERS; officer++) {
				sessionsRevoked += this.userSessions.revokeAll(officerName(officer));
			}
			revocation.ended.set(System.nanoTime());
			revoked.countDown();
			for (Future<?> client : running) {
				client.get(120, TimeUnit.SECONDS);
			}
			assertThat(sessionsRevoked).isEqualTo(2 * REVOKED_OFFICERS);
		}
		finally {
			executor.shutdownNow();
		}

		for (Client client : clients) {
			if (client.revoked) {
				assertThat(client.visitsAfterRevocation).as("visits of revoked %s once the revocation held", client.officer)
					.isGreaterThanOrEqualTo(MIN_VISITS_AFTER_REVOCATION);
				assertThat(client.oldCountsAfterRevocation).as("revoked %s served its old session", client.officer)
					.isZero();
				assertThat(client.browser.signedIn()).as("revoked %s at the end", client.officer).isNull();
			}
			else {
				assertThat(client.lastCount).as("visits of %s", client.officer).isEqualTo(VISITS);
				assertThat(client.browser.signedIn()).isEqualTo(client.officer);
				assertThat(this.userSessions.list(client.officer, null)).hasSize(2);
			}
		}
	}

	private static String officerName(int officer) {
		return "officer-" + RUN + "-" + officer;
	}

	/** When the revocation started and when it returned, in {@link System#nanoTime()}. */
	private static final class Revocation {

		final AtomicLong started = new AtomicLong(Long.MAX_VALUE);

		final AtomicLong ended = new AtomicLong(Long.MAX_VALUE);

	}

	/** One device of an officer, counting its visits. */
	private static final class Client {

		final String officer;

		final boolean revoked;

		final Browser browser;

		int lastCount;

		int oldCountsAfterRevocation;

		/** Visits sent once the revocation held: what the check above is made on. */
		int visitsAfterRevocation;

		Client(String officer, boolean revoked, Browser browser) {
			this.officer = officer;
			this.revoked = revoked;
			this.browser = browser;
		}

		void visit(CountDownLatch countedBefore, CountDownLatch revoked, Revocation revocation, long boundNanos)
				throws Exception {
			// A revoked client goes on past its visits until enough were sent after the bound, so that
			// the check is made on them however fast the first visits went.
			for (int visit = 1; visit <= VISITS
					|| (this.revoked && this.visitsAfterRevocation < MIN_VISITS_AFTER_REVOCATION); visit++) {
				if (visit == WAIT_FOR_REVOCATION_AT) {
					assertThat(revoked.await(60, TimeUnit.SECONDS)).isTrue();
				}
				// A request sent after the revocation returned (and the bound passed) must never see the
				// old session; one answered before it started must see it; one in between may see either.
				boolean afterRevocation = System.nanoTime() - boundNanos > revocation.ended.get();
				if (afterRevocation) {
					this.visitsAfterRevocation++;
				}
				HttpResponse<String> response = this.browser.get("/visits");
				boolean beforeRevocation = System.nanoTime() < revocation.started.get();
				assertThat(response.statusCode()).as("visit %d of %s", visit, this.officer).isEqualTo(200);
				Matcher count = COUNT.matcher(response.body());
				assertThat(count.matches()).as(response.body()).isTrue();
				int seen = Integer.parseInt(count.group(1));
				if (!this.revoked || beforeRevocation) {
					assertThat(seen).as("visit %d of %s", visit, this.officer).isEqualTo(this.lastCount + 1);
				}
				else if (afterRevocation && (seen > visit - BEFORE_REVOCATION + 1 || seen > this.lastCount + 1)) {
					// A new session after a revocation counts from 1; the old one had passed 100.
					this.oldCountsAfterRevocation++;
				}
				this.lastCount = seen;
				if (visit == BEFORE_REVOCATION) {
					countedBefore.countDown();
				}
			}
		}

	}

}
