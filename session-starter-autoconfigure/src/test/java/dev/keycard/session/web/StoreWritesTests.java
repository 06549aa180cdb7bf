package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.MutableClock;
import dev.keycard.session.web.AbstractSessionSemanticsTests.Browser;
import dev.keycard.session.testsupport.RecordingSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what reaches a server-side store: nothing for a request that only reads, only the
 * attributes that changed for one that writes, and only the expiry for a rolling refresh.
 */
class StoreWritesTests {

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private final RecordingSessionStore store = new RecordingSessionStore(new MemorySessionStore(100, this.clock));

	private final Browser browser = browser();

	private Browser browser() {
		return new Browser(DefaultSessionManager.inStore(this.store,
				new SessionIdCodec(KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of())),
				new JsonSessionSerializer(), SessionCookie.named("session"),
				new SessionLifetime(Duration.ofHours(1), null, true), this.clock));
	}

	@Test
	void readOnlyRequestWritesNothing() {
		this.browser.request((session) -> session.put("user", "bruce"));
		this.store.saves.clear();
		this.browser.request((session) -> session.get("user"));
		this.browser.request((session) -> session.getOrDefault("theme", "light"));
		assertThat(this.store.saves).isEmpty();
		assertThat(this.store.deletes).isEmpty();
	}

	@Test
	void changeWritesOnlyWhatChanged() {
		this.browser.request((session) -> {
			session.put("user", "bruce");
			session.put("theme", "dark");
		});
		this.store.saves.clear();
		this.browser.request((session) -> {
			session.put("theme", "light");
			session.put("user", "bruce");
			session.remove("missing");
		});
		assertThat(this.store.saves).singleElement().extracting(RecordingSessionStore.Write::changes).satisfies((changes) -> {
			assertThat(changes.isNew()).isFalse();
			assertThat(changes.updated()).isEqualTo(Map.of("theme", "\"light\""));
			assertThat(changes.removed()).isEmpty();
			assertThat(changes.loadedVersion()).as("memory store keeps no version").isNull();
		});
		this.store.saves.clear();
		this.browser.request((session) -> session.put("theme", "light"));
		assertThat(this.store.saves).as("the same value again").isEmpty();
	}

	@Test
	void rollingRefreshWritesOnlyTheExpiry() {
		this.browser.request((session) -> session.put("user", "bruce"));
		this.store.saves.clear();
		this.clock.advance(Duration.ofMinutes(31));
		this.browser.request((session) -> session.get("user"));
		assertThat(this.store.saves).singleElement().extracting(RecordingSessionStore.Write::changes).satisfies((changes) -> {
			assertThat(changes.updated()).isEmpty();
			assertThat(changes.removed()).isEmpty();
			assertThat(changes.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
		});
		this.store.saves.clear();
		this.browser.request((session) -> session.get("user"));
		assertThat(this.store.saves).as("refreshed once, not on every request").isEmpty();
	}

}
