package dev.keycard.session.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.RecordingSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests that a store failing in a way that is not an outage fails the request too, instead of
 * giving the client an empty session that would take the place of the stored one; and that a
 * stored record that cannot be read is left alone while the client starts again.
 */
class FailingStoreTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private final RecordingSessionStore store = new RecordingSessionStore(new MemorySessionStore(100, Clock.systemUTC()));

	private final DefaultSessionManager manager = DefaultSessionManager.inStore(this.store, new SessionIdCodec(KEY_RING),
			new JsonSessionSerializer(), SessionCookie.named("session"), SessionLifetime.defaults(), Clock.systemUTC());

	@Test
	void storeErrorThatIsNotAnOutageFailsTheRequestInsteadOfStartingAnEmptySession() {
		String cookie = issueSession();
		RuntimeException failure = new InvalidDataAccessResourceUsageException("table keycard_session is missing");
		this.store.failLoadsWith(failure);
		assertThatThrownBy(() -> load(cookie)).isSameAs(failure);
		RuntimeException wrongData = new IllegalStateException("Redis key is not a Keycard session");
		this.store.failLoadsWith(wrongData);
		assertThatThrownBy(() -> load(cookie)).isSameAs(wrongData);
		assertThat(this.store.saves).isEmpty();
		assertThat(this.store.deletes).isEmpty();
		this.store.failLoadsWith(null);
		assertThat(load(cookie)).containsEntry("user", "bruce");
	}

	@Test
	void recordThatCannotBeReadGivesANewSessionUnderANewIdAndLeavesTheRecordAlone() {
		String cookie = issueSession();
		this.store.failLoadsWith(new IllegalArgumentException("Stored session is not a JSON object"));
		MockHttpServletRequest request = request(cookie);
		Session session = this.manager.load(request);
		assertThat(session.isNew()).isTrue();
		session.put("user", "selina");
		this.manager.save(session, new MockHttpServletResponse());
		assertThat(this.store.saves).singleElement().satisfies((write) -> {
			assertThat(write.changes().isNew()).isTrue();
			assertThat(write.key()).isNotEqualTo(storeKey(cookie));
		});
		assertThat(this.store.deletes).isEmpty();
		this.store.failLoadsWith(null);
		assertThat(load(cookie)).containsEntry("user", "bruce");
	}

	private String issueSession() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		Session session = this.manager.load(request);
		session.put("user", "bruce");
		this.manager.save(session, response);
		this.store.saves.clear();
		return response.getCookie("session").getValue();
	}

	private Session load(String cookie) {
		return this.manager.load(request(cookie));
	}

	private static MockHttpServletRequest request(String cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("session", cookie));
		return request;
	}

	private static String storeKey(String cookie) {
		return SessionIdCodec.storeKey(new SessionIdCodec(KEY_RING).decode("session", cookie).id());
	}

}
