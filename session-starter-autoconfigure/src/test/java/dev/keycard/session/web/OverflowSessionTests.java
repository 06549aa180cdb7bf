package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.keycard.session.Session;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.MutableClock;
import dev.keycard.session.web.AbstractSessionSemanticsTests.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookie sessions that overflow to a store: a session stays whole in its cookie while it fits
 * under the threshold, moves to the store behind a signed id when it grows past it, with
 * nothing lost, and keeps every guarantee of a stored session from then on.
 */
class OverflowSessionTests {

	private static final KeyRing KEY_RING = AbstractSessionSemanticsTests.KEY_RING;

	private static final int THRESHOLD = 1024;

	private static final String LARGE = "x".repeat(2_000);

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private final CountingStore store = new CountingStore(new MemorySessionStore(1_000, this.clock));

	private final DefaultSessionManager manager = manager(this.store, SessionLifetime.defaults());

	@Test
	void aSessionThatFitsStaysWholeInItsCookieAndTheStoreIsNotTouched() {
		Browser browser = new Browser(this.manager);

		browser.request((session) -> session.put("theme", "dark"));
		browser.request((session) -> session.put("count", 2));

		assertThat(SessionIdCodec.isSessionIdShaped(browser.cookie())).isFalse();
		assertThat(browser.read()).containsEntry("theme", "dark").containsEntry("count", 2);
		assertThat(this.store.calls).isZero();
	}

	@Test
	void aSessionThatOutgrowsItsCookieMovesToTheStoreWithNothingLost() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("theme", "dark"));

		browser.request((session) -> session.put("notes", LARGE));

		assertThat(SessionIdCodec.isSessionIdShaped(browser.cookie())).as("the cookie, now a signed id").isTrue();
		assertThat(("session=" + browser.cookie()).length()).isLessThan(120);
		assertThat(browser.read()).containsEntry("theme", "dark").containsEntry("notes", LARGE);
		assertThat(this.store.records).hasSize(1);
	}

	@Test
	void aSessionThatMovedStaysInTheStoreWhenItShrinks() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> {
			session.put("theme", "dark");
			session.put("notes", LARGE);
		});
		String id = browser.cookie();

		List<String> headers = browser.request((session) -> session.remove("notes"));

		assertThat(headers).as("no new cookie: the record changed, not the id").isEmpty();
		assertThat(browser.cookie()).isEqualTo(id);
		assertThat(browser.read()).containsOnlyKeys("theme");
		assertThat(this.store.records).hasSize(1);
	}

	@Test
	void requestsOfAMovedSessionMergeTheirChangesKeyByKey() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("notes", LARGE));
		Browser other = browser.withCookie(browser.cookie());

		// Both loaded before either saved: each writes only the key it changed.
		browser.request((first) -> other.request((second) -> {
			first.put("theme", "dark");
			second.put("lastCase", "7");
		}));

		assertThat(browser.read()).containsEntry("theme", "dark").containsEntry("lastCase", "7")
			.containsEntry("notes", LARGE);
	}

	@Test
	void invalidatingAMovedSessionDeletesItsRecordAndExpiresTheCookie() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("notes", LARGE));
		String copied = browser.cookie();

		List<String> headers = browser.request(Session::invalidate);

		assertThat(headers).singleElement().asString().contains("Max-Age=0");
		assertThat(this.store.records).isEmpty();
		assertThat(browser.withCookie(copied).read()).as("a copied cookie after invalidate").isEmpty();
	}

	@Test
	void aNewIdentityBringsASessionThatFitsBackToItsCookieAndDeletesItsRecord() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> {
			session.put("theme", "dark");
			session.put("notes", LARGE);
		});
		String stored = browser.cookie();
		browser.request((session) -> session.remove("notes"));

		browser.request((session) -> {
			session.put("user", "gordon");
			session.regenerate();
		});

		assertThat(SessionIdCodec.isSessionIdShaped(browser.cookie())).isFalse();
		assertThat(browser.read()).containsEntry("user", "gordon").containsEntry("theme", "dark");
		assertThat(this.store.records).isEmpty();
		assertThat(browser.withCookie(stored).read()).as("the id from before").isEmpty();
	}

	@Test
	void aNewIdentityOfASessionStillTooLargeIsANewRecord() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("notes", LARGE));
		String before = browser.cookie();

		browser.request((session) -> session.regenerate());

		assertThat(browser.cookie()).isNotEqualTo(before);
		assertThat(SessionIdCodec.isSessionIdShaped(browser.cookie())).isTrue();
		assertThat(this.store.records).hasSize(1);
		assertThat(browser.read()).containsEntry("notes", LARGE);
		assertThat(browser.withCookie(before).read()).isEmpty();
	}

	@Test
	void aMovedSessionExpiresAsAnyStoredSession() {
		DefaultSessionManager manager = manager(this.store,
				new SessionLifetime(Duration.ofMinutes(30), null, true));
		Browser browser = new Browser(manager);
		browser.request((session) -> session.put("notes", LARGE));

		this.clock.advance(Duration.ofMinutes(31));

		assertThat(browser.read()).isEmpty();
	}

	@Test
	void aStoreThatCannotBeReachedFailsTheRequestOnceTheSessionMoved() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("notes", LARGE));
		this.store.down = true;

		browser.read();

		assertThat(browser.lastStatus()).isEqualTo(503);
		this.store.down = false;
		assertThat(browser.read()).containsEntry("notes", LARGE);
	}

	@Test
	void aSessionMovingToAStoreThatCannotBeReachedFailsAndTheCookieKeepsWhatItHad() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("theme", "dark"));
		String kept = browser.cookie();
		this.store.down = true;

		browser.request((session) -> session.put("notes", LARGE));

		assertThat(browser.lastStatus()).isEqualTo(503);
		assertThat(browser.cookie()).isEqualTo(kept);
		this.store.down = false;
		assertThat(browser.read()).containsEntry("theme", "dark").doesNotContainKey("notes");
	}

	@Test
	void aCookieUnderAPreviousSecretIsReadWhereverTheSessionIs() {
		Browser browser = new Browser(this.manager);
		browser.request((session) -> session.put("notes", LARGE));
		Browser small = new Browser(this.manager);
		small.request((session) -> session.put("theme", "dark"));
		KeyRing rotated = KeyRing.of("Nw4tR8yK2pLx7Vb1Qm5Zc9Hd3Gf6Js0T", List.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa"));
		DefaultSessionManager afterRotation = DefaultSessionManager
			.inCookies(new SignedSessionCodec(rotated), new JsonSessionSerializer(), SessionCookie.named("session"),
					SessionLifetime.defaults(), this.clock)
			.withOverflow(this.store, new SessionIdCodec(rotated), THRESHOLD);

		assertThat(new Browser(afterRotation).withCookie(browser.cookie()).read()).containsEntry("notes", LARGE);
		assertThat(new Browser(afterRotation).withCookie(small.cookie()).read()).containsEntry("theme", "dark");
	}

	private DefaultSessionManager manager(SessionStore store, SessionLifetime lifetime) {
		return DefaultSessionManager
			.inCookies(new SignedSessionCodec(KEY_RING), new JsonSessionSerializer(), SessionCookie.named("session"),
					lifetime, this.clock)
			.withOverflow(store, new SessionIdCodec(KEY_RING), THRESHOLD);
	}

	/** A real store that counts what reaches it and can be taken down, as a database outage would. */
	private static final class CountingStore implements SessionStore {

		private final SessionStore store;

		final Map<String, Boolean> records = new ConcurrentHashMap<>();

		int calls;

		volatile boolean down;

		CountingStore(SessionStore store) {
			this.store = store;
		}

		@Override
		public @Nullable SessionRecord load(String key) {
			check();
			return this.store.load(key);
		}

		@Override
		public boolean save(String key, SessionChanges changes) {
			check();
			this.records.put(key, true);
			return this.store.save(key, changes);
		}

		@Override
		public void delete(String key) {
			check();
			this.records.remove(key);
			this.store.delete(key);
		}

		private void check() {
			this.calls++;
			if (this.down) {
				throw new SessionStoreUnavailableException("down for the test");
			}
		}

	}

}
