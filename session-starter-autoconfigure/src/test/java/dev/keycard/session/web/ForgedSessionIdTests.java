package dev.keycard.session.web;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

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

/**
 * Tests that a session id the application did not sign never reaches the store, and that
 * the store never sees the id itself.
 */
class ForgedSessionIdTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private final RecordingSessionStore store = new RecordingSessionStore(new MemorySessionStore(100, Clock.systemUTC()));

	private final DefaultSessionManager manager = DefaultSessionManager.inStore(this.store, new SessionIdCodec(KEY_RING),
			new JsonSessionSerializer(), SessionCookie.named("session"), SessionLifetime.defaults(), Clock.systemUTC());

	@Test
	void forgedGarbledOrForeignIdsAreRefusedBeforeAnyStoreRoundTrip() {
		String valid = issueSession();
		this.store.clear();
		char[] flipped = valid.toCharArray();
		flipped[20] = (flipped[20] == 'A') ? 'B' : 'A';
		String foreign = new SessionIdCodec(KeyRing.of("Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV", List.of()))
			.encode("session", new byte[SessionIdCodec.ID_LENGTH]);
		for (String value : List.of(new String(flipped), valid.substring(1), "garbage", foreign, "")) {
			Session session = load(value);
			assertThat(session.isNew()).as("session for %s", value).isTrue();
		}
		assertThat(this.store.loadCount).hasValue(0);
	}

	@Test
	void validIdCostsOneStoreRoundTripWithItsHashNotTheId() {
		String valid = issueSession();
		this.store.clear();
		assertThat(load(valid)).containsEntry("user", "bruce");
		assertThat(this.store.loadCount).hasValue(1);
		SessionIdCodec.VerifiedId id = new SessionIdCodec(KEY_RING).decode("session", valid);
		assertThat(this.store.loads).last().isEqualTo(SessionIdCodec.storeKey(id.id())).isNotEqualTo(valid);
	}

	private String issueSession() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.manager.load(request).put("user", "bruce");
		this.manager.save(this.manager.load(request), response);
		return response.getCookie("session").getValue();
	}

	private Session load(String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("session", value));
		return this.manager.load(request);
	}

}
