package dev.keycard.session.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Revocation lists of several instances sharing one revocation store: what one revokes, the
 * others refuse, pushed by the store where it can or found by the version checks within the
 * staleness bound; a list that cannot confirm its revocations fails closed or open as
 * configured.
 */
abstract class AbstractRevocationListTests {

	/** Long enough that a starved check thread on a loaded 2-core machine does not make a test fail closed. */
	static final Duration MAX_STALENESS = Duration.ofSeconds(2);

	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

	private static final Instant SIGNED_IN = Instant.parse("2026-12-01T10:00:00Z");

	/** A store of the revocations every list of one test shares. */
	abstract RevocationStore store();

	/** A store on a database that cannot be reached. */
	abstract RevocationStore unreachableStore();

	/** Empty the store, as a Redis restarted without persistence is. */
	abstract void emptyTheStore();

	@Test
	void aUsersSessionsRevokedOnOneInstanceAreRefusedThereAtOnceAndByAnotherWithinTheBound() throws Exception {
		try (RevocationList here = started(store()); RevocationList there = started(store())) {
			awaitConfirmed(here, there);

			here.revokeSessionsOf("gordon", "kept-session", SIGNED_IN);

			assertThat(here.isRevoked("gordon", "phone-session", SIGNED_IN)).as("where it was revoked").isTrue();
			await("the other instance").atMost(MAX_STALENESS)
				.until(() -> there.isRevoked("gordon", "phone-session", SIGNED_IN));
			assertThat(there.isRevoked("gordon", "kept-session", SIGNED_IN)).as("the kept session").isFalse();
			assertThat(there.isRevoked("bullock", "phone-session", SIGNED_IN)).as("another user").isFalse();
			assertThat(there.isRevoked("gordon", "phone-session", Instant.now().plusSeconds(1)))
				.as("a sign-in after the revocation")
				.isFalse();
		}
	}

	@Test
	void aStoreThatLostItsLastChangeAndMadeAnotherIsReadAgain() throws Exception {
		try (RevocationList list = started(store()); RevocationList elsewhere = started(store())) {
			awaitConfirmed(list, elsewhere);
			list.revokeSessionsOf("gordon", null, null);
			await("the other instance").atMost(MAX_STALENESS)
				.until(() -> elsewhere.isRevoked("gordon", "any-session", SIGNED_IN));

			// A failover that lost the last change, then another change: as many changes, not the same.
			emptyTheStore();
			elsewhere.revokeSession("after-the-failover");

			await("the list reading the store again").atMost(MAX_STALENESS)
				.until(() -> list.isRevoked("bullock", "after-the-failover", SIGNED_IN));
			assertThat(list.isRevoked("gordon", "any-session", SIGNED_IN)).as("the lost revocation").isFalse();
		}
	}

	@Test
	void aUsersRevocationIsForgottenOnceEverySessionItRevokedHasExpired() throws Exception {
		MutableClock clock = new MutableClock(Instant.now());
		Instant before = clock.instant().minusSeconds(1);
		try (RevocationList list = new RevocationList(store(), MAX_STALENESS, RevocationFailMode.CLOSED, IDLE_TIMEOUT,
				clock)) {
			list.start();
			awaitConfirmed(list);
			list.revokeSessionsOf("gordon", null, null);
			assertThat(list.isRevoked("gordon", "old-session", before)).isTrue();

			// Its sessions could not refresh their cookies since: the last one has expired by then.
			clock.advance(IDLE_TIMEOUT.plus(MAX_STALENESS).plus(Duration.ofHours(2)));
			list.revokeSession("another-session");
			awaitConfirmed(list);

			assertThat(list.isRevoked("gordon", "old-session", before)).as("forgotten").isFalse();
			assertThat(list.isRevoked("bullock", "another-session", before)).isTrue();
		}
	}

	@Test
	void simultaneousRevocationsEachGetAVersionOfTheirOwnAndAllReachAnotherInstance() throws Exception {
		RevocationStore store = store();
		try (RevocationList list = started(store)) {
			awaitConfirmed(list);
			RevocationVersion before = store.version();
			int threads = 8;
			int each = 5;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			List<Future<List<RevocationChange>>> made = new ArrayList<>();
			try {
				for (int thread = 0; thread < threads; thread++) {
					int first = thread * each;
					made.add(executor.submit(() -> {
						List<RevocationChange> changes = new ArrayList<>();
						for (int session = first; session < first + each; session++) {
							changes.add(store.revokeSession("simultaneous-" + session, Instant.now().plusSeconds(60)));
						}
						return changes;
					}));
				}
				List<RevocationChange> changes = new ArrayList<>();
				for (Future<List<RevocationChange>> thread : made) {
					changes.addAll(thread.get(60, TimeUnit.SECONDS));
				}

				assertThat(changes).extracting((change) -> change.version().number())
					.doesNotHaveDuplicates()
					.hasSize(threads * each);
				assertThat(changes).extracting(RevocationChange::previous)
					.as("each change follows another, as one chain")
					.doesNotHaveDuplicates();
				assertThat(store.version().number()).isEqualTo(before.number() + threads * each);
				await("every revocation on the other instance").atMost(MAX_STALENESS.multipliedBy(2))
					.ignoreExceptions()
					.until(() -> {
						for (int session = 0; session < threads * each; session++) {
							if (!list.isRevoked("gordon", "simultaneous-" + session, SIGNED_IN)) {
								return false;
							}
						}
						return true;
					});
			}
			finally {
				executor.shutdownNow();
			}
		}
	}

	@Test
	void aSessionSignedOutByAnotherCannotUndoItBySigningOutTheOthersItself() throws Exception {
		Instant victimSignedIn = SIGNED_IN.plus(Duration.ofHours(1));
		try (RevocationList victims = started(store());
				RevocationList thiefs = started(new SwitchableStore(store(), false, true))) {
			awaitConfirmed(victims, thiefs);

			victims.revokeSessionsOf("gordon", "victim", victimSignedIn);
			// Before the thief's instance has heard: it still serves the thief's session.
			thiefs.revokeSessionsOf("gordon", "thief", SIGNED_IN);

			await("the victim's instance").atMost(MAX_STALENESS)
				.until(() -> victims.isRevoked("gordon", "victim", victimSignedIn));
			assertThat(victims.isRevoked("gordon", "thief", SIGNED_IN)).as("the thief").isTrue();
			assertThat(thiefs.isRevoked("gordon", "thief", SIGNED_IN)).as("the thief, where it revoked").isTrue();
		}
	}

	@Test
	void signingOutTheOthersTwiceFromOneSessionKeepsIt() throws Exception {
		try (RevocationList list = started(store())) {
			awaitConfirmed(list);

			list.revokeSessionsOf("gordon", "desk", SIGNED_IN);
			list.revokeSessionsOf("gordon", "desk", SIGNED_IN);

			assertThat(list.isRevoked("gordon", "desk", SIGNED_IN)).isFalse();
			assertThat(list.isRevoked("gordon", "phone", SIGNED_IN)).isTrue();
		}
	}

	@Test
	void aRevocationWhosePushIsLostIsFoundByTheVersionChecksWithinTheBound() throws Exception {
		try (RevocationList here = started(store());
				RevocationList deaf = started(new SwitchableStore(store(), false, true))) {
			awaitConfirmed(here, deaf);

			here.revokeSession("lost-push-session");
			long revoked = System.nanoTime();

			await("the instance that hears no push").atMost(MAX_STALENESS)
				.until(() -> deaf.isRevoked("gordon", "lost-push-session", SIGNED_IN));
			assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThanOrEqualTo(MAX_STALENESS);
			assertThat(deaf.isRevoked("gordon", "another-session", SIGNED_IN)).isFalse();
		}
	}

	@Test
	void anInstanceStartedLaterReadsEveryRevocationMadeBefore() throws Exception {
		try (RevocationList first = started(store())) {
			awaitConfirmed(first);
			first.revokeSessionsOf("gordon", null, null);
			first.revokeSession("one-session");

			try (RevocationList later = started(store())) {
				awaitConfirmed(later);

				assertThat(later.isRevoked("gordon", "any-session", SIGNED_IN)).isTrue();
				assertThat(later.isRevoked("bullock", "one-session", SIGNED_IN)).isTrue();
				assertThat(later.isRevoked("bullock", "another-session", SIGNED_IN)).isFalse();
			}
		}
	}

	@Test
	void aStoreThatLostItsRevocationsIsTheTruth() throws Exception {
		try (RevocationList list = started(store())) {
			awaitConfirmed(list);
			list.revokeSessionsOf("gordon", null, null);
			assertThat(list.isRevoked("gordon", "any-session", SIGNED_IN)).isTrue();

			emptyTheStore();

			await("the list reading the emptied store").atMost(MAX_STALENESS)
				.until(() -> !list.isRevoked("gordon", "any-session", SIGNED_IN));
		}
	}

	@Test
	void recordedSessionsAreListedNewestFirstWithoutTheRevokedAndTheForgotten() throws Exception {
		try (RevocationList list = started(store())) {
			awaitConfirmed(list);
			Instant expires = Instant.now().plus(Duration.ofHours(1));
			list.record("gordon", new IssuedSession("desk", SIGNED_IN, SIGNED_IN, expires, "Firefox on Linux", null));
			list.record("gordon", new IssuedSession("phone", SIGNED_IN.plusSeconds(60), SIGNED_IN.plusSeconds(60), expires,
					"Safari on iOS", null));
			list.record("gordon", new IssuedSession("tablet", SIGNED_IN.plusSeconds(120), SIGNED_IN.plusSeconds(120),
					expires, "Chrome on Android", null));
			list.record("gordon", new IssuedSession("expired", SIGNED_IN, SIGNED_IN, Instant.now().minusSeconds(1), null,
					null));

			list.revokeSession("tablet");
			list.signedOut("gordon", "desk", true);

			assertThat(list.recorded("gordon")).extracting(IssuedSession::id).containsExactly("phone");
			assertThat(list.recorded("gordon")).singleElement()
				.satisfies((session) -> assertThat(session.userAgent()).isEqualTo("Safari on iOS"));
			assertThat(list.recorded("bullock")).isEmpty();
		}
	}

	@Test
	void aListNeverConfirmedFailsClosedForSignedInSessions() throws Exception {
		try (RevocationList list = new RevocationList(unreachableStore(), MAX_STALENESS, RevocationFailMode.CLOSED,
				IDLE_TIMEOUT, Clock.systemUTC())) {
			list.start();

			assertThatExceptionOfType(SessionStoreUnavailableException.class)
				.isThrownBy(() -> list.isRevoked("gordon", "desk", SIGNED_IN))
				.withMessageContaining("app.session.revocation.max-staleness");
			assertThatExceptionOfType(SessionStoreUnavailableException.class)
				.isThrownBy(() -> list.revokeSessionsOf("gordon", null, null));
			assertThatExceptionOfType(SessionStoreUnavailableException.class).as("recording a sign-in")
				.isThrownBy(() -> list.record("gordon", issued("desk")));
			list.signedOut("gordon", "desk", true);
			list.refreshed("gordon", issued("desk"));
		}
	}

	@Test
	void aStoreThatGoesDownIsServedWithinTheBoundThenRefusedUntilItIsBack() throws Exception {
		SwitchableStore store = new SwitchableStore(store(), false, false);
		try (RevocationList list = started(store)) {
			awaitConfirmed(list);
			list.revokeSession("revoked-session");

			store.down = true;
			long down = System.nanoTime();
			boolean servedAtOnce = !list.isRevoked("gordon", "desk", SIGNED_IN);
			await("refused once stale").atMost(MAX_STALENESS.multipliedBy(3)).until(() -> {
				try {
					list.isRevoked("gordon", "desk", SIGNED_IN);
					return false;
				}
				catch (SessionStoreUnavailableException ex) {
					return true;
				}
			});

			assertThat(servedAtOnce).as("served just after the store went down").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - down)).as("refused only after the bound")
				.isGreaterThanOrEqualTo(MAX_STALENESS.minusMillis(MAX_STALENESS.toMillis() / 4));
			store.down = false;
			awaitConfirmed(list);
			assertThat(list.isRevoked("gordon", "revoked-session", SIGNED_IN)).isTrue();
		}
	}

	@Test
	void aStoreThatGoesDownLeavesAnOpenListServingWhatItKnows() throws Exception {
		SwitchableStore store = new SwitchableStore(store(), false, false);
		try (RevocationList list = new RevocationList(store, MAX_STALENESS, RevocationFailMode.OPEN, IDLE_TIMEOUT,
				Clock.systemUTC())) {
			list.start();
			awaitConfirmed(list);
			list.revokeSessionsOf("gordon", "kept", SIGNED_IN);

			store.down = true;
			await("stale").atMost(MAX_STALENESS.multipliedBy(3))
				.until(() -> list.sinceConfirmed() != null && list.sinceConfirmed().compareTo(MAX_STALENESS) > 0);

			assertThat(list.isRevoked("gordon", "phone", SIGNED_IN)).as("revoked before the outage").isTrue();
			assertThat(list.isRevoked("gordon", "kept", SIGNED_IN)).isFalse();
			assertThat(list.isRefusingSignedInSessions()).isFalse();
			list.record("gordon", issued("desk"));
		}
	}

	private static IssuedSession issued(String id) {
		return new IssuedSession(id, SIGNED_IN, SIGNED_IN, Instant.now().plusSeconds(60), null, null);
	}

	private static RevocationList started(RevocationStore store) {
		RevocationList list = new RevocationList(store, MAX_STALENESS, RevocationFailMode.CLOSED, IDLE_TIMEOUT,
				Clock.systemUTC());
		list.start();
		return list;
	}

	private static void awaitConfirmed(RevocationList... lists) {
		for (RevocationList list : lists) {
			await("the list confirmed").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
				list.isRevoked("nobody", null, SIGNED_IN);
				return true;
			});
		}
	}

	/**
	 * The real store, which can be taken down (every call fails as an unreachable database's
	 * would) or made deaf (its pushes never arrive, as when a pub/sub connection dropped them).
	 */
	static final class SwitchableStore implements RevocationStore {

		private final RevocationStore store;

		volatile boolean down;

		private final boolean deaf;

		SwitchableStore(RevocationStore store, boolean down, boolean deaf) {
			this.store = store;
			this.down = down;
			this.deaf = deaf;
		}

		private RevocationStore up() {
			if (this.down) {
				throw new SessionStoreUnavailableException("down for the test");
			}
			return this.store;
		}

		@Override
		public RevocationSnapshot load() {
			return up().load();
		}

		@Override
		public RevocationVersion version() {
			return up().version();
		}

		@Override
		public RevocationChange revoke(String principalKey, PrincipalRevocation revocation) {
			return up().revoke(principalKey, revocation);
		}

		@Override
		public RevocationChange revokeSession(String sessionId, Instant until) {
			return up().revokeSession(sessionId, until);
		}

		@Override
		public void record(String principalKey, IssuedSession session) {
			up().record(principalKey, session);
		}

		@Override
		public void forget(String principalKey, String sessionId) {
			up().forget(principalKey, sessionId);
		}

		@Override
		public List<IssuedSession> recorded(String principalKey, Instant now) {
			return up().recorded(principalKey, now);
		}

		@Override
		public AutoCloseable subscribe(Consumer<RevocationChange> listener) {
			return this.deaf ? () -> {
			} : this.store.subscribe(listener);
		}

		@Override
		public String getName() {
			return this.store.getName();
		}

	}

}
