package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.UserSession;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SignInLimit}: a user keeps the most recent sign-ins, exactly as many as the
 * limit, whatever order the sign-ins are saved in.
 */
class SignInLimitTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T09:00:00Z"));

	private final DefaultSessionManager manager = DefaultSessionManager.inStore(new MemorySessionStore(1000, this.clock),
			new SessionIdCodec(KEY_RING), new JsonSessionSerializer(), SessionCookie.named("session"),
			SessionLifetime.defaults(), this.clock);

	private final SessionDevices devices = new SessionDevices(this.manager, false);

	private final SignInLimit limit = new SignInLimit(this.manager);

	@Test
	void theThirdSignInUnderALimitOfTwoSignsOutTheOldest() {
		String desk = save(signIn(null, "gordon", 2));
		this.clock.advance(Duration.ofMinutes(1));
		String phone = save(signIn(null, "gordon", 2));
		this.clock.advance(Duration.ofMinutes(1));
		String laptop = save(signIn(null, "gordon", 2));

		assertThat(principalOf(desk)).as("the oldest sign-in").isNull();
		assertThat(principalOf(phone)).isEqualTo("gordon");
		assertThat(principalOf(laptop)).isEqualTo("gordon");
		assertThat(this.devices.list("gordon", null)).hasSize(2);
	}

	@Test
	void sessionsRankBySignInNotByCreationSoTheNewSignInStays() {
		String earlyVisitor = save(visit());
		this.clock.advance(Duration.ofHours(1));
		String phone = save(signIn(null, "gordon", 1));
		this.clock.advance(Duration.ofMinutes(1));
		String desk = save(signIn(earlyVisitor, "gordon", 1));

		assertThat(principalOf(desk)).as("signed in last, in a session created first").isEqualTo("gordon");
		assertThat(principalOf(phone)).isNull();
	}

	@Test
	void signInsThatAllCountedBeforeAnyWasSavedLeaveExactlyTheMostRecent() {
		List<MockHttpServletRequest> signIns = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			signIns.add(signIn(null, "gordon", 2));
			this.clock.advance(Duration.ofMillis(1));
		}
		List<MockHttpServletRequest> saveOrder = new ArrayList<>(signIns);
		Collections.shuffle(saveOrder, new Random(13));
		List<String> cookies = new ArrayList<>(Collections.nCopies(signIns.size(), ""));
		for (MockHttpServletRequest signIn : saveOrder) {
			cookies.set(signIns.indexOf(signIn), save(signIn));
		}

		assertThat(cookies).filteredOn((cookie) -> principalOf(cookie) != null)
			.as("the two most recent sign-ins")
			.containsExactly(cookies.get(10), cookies.get(11));
		assertThat(this.devices.list("gordon", null)).hasSize(2);
	}

	@Test
	void signInsOfTheSameInstantLeaveExactlyTheLimitToo() {
		List<MockHttpServletRequest> signIns = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			signIns.add(signIn(null, "gordon", 1));
		}
		Collections.reverse(signIns);
		List<String> cookies = signIns.stream().map(this::save).toList();

		assertThat(cookies).filteredOn((cookie) -> principalOf(cookie) != null).hasSize(1);
		assertThat(this.devices.list("gordon", null)).extracting(UserSession::id).hasSize(1);
	}

	@Test
	void otherUsersAndSessionsSavedWithoutASignInAreLeftAlone() {
		String bullock = save(signIn(null, "bullock", 1));
		String gordon = save(signIn(null, "gordon", 1));
		MockHttpServletRequest limitedButNeverSignedIn = request(null);
		this.limit.enforce(limitedButNeverSignedIn, 1);
		this.manager.load(limitedButNeverSignedIn).put("visits", 1);
		save(limitedButNeverSignedIn);

		assertThat(principalOf(bullock)).isEqualTo("bullock");
		assertThat(principalOf(gordon)).isEqualTo("gordon");
	}

	@Test
	void aSignInThatFailsBeforeItsSessionIsSavedRevokesNothing() {
		String desk = save(signIn(null, "gordon", 2));
		this.clock.advance(Duration.ofMinutes(1));
		String phone = save(signIn(null, "gordon", 2));
		this.clock.advance(Duration.ofMinutes(1));
		MockHttpServletRequest failed = request(desk);
		this.limit.enforce(failed, 1);
		this.manager.loadDeferred(failed).discard(new IllegalStateException("sign-in failed"));
		Session errorPage = this.manager.load(failed);
		errorPage.put("error", "sign-in failed");
		this.manager.save(errorPage, new MockHttpServletResponse());

		assertThat(principalOf(desk)).isEqualTo("gordon");
		assertThat(principalOf(phone)).isEqualTo("gordon");
	}

	@Test
	void theCookieStoreHasNothingToCountAndSaysWhatToDo() {
		SignInLimit onCookies = new SignInLimit(DefaultSessionManager.inCookies(new SignedSessionCodec(KEY_RING),
				new JsonSessionSerializer(), SessionCookie.named("session"), SessionLifetime.defaults(), this.clock));

		assertThat(onCookies.isAvailable()).isFalse();
		assertThat(this.limit.isAvailable()).isTrue();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> onCookies.enforce(request(null), 1))
			.withMessageContaining("cookie store")
			.withMessageContaining("app.session.store");
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.limit.enforce(request(null), 0))
			.withMessage("maximum must be at least 1, but is 0");
	}

	/** A sign-in as Spring Security's makes it: the limit, a new id and the user; saved later. */
	private MockHttpServletRequest signIn(@Nullable String cookie, String principal, int maximum) {
		MockHttpServletRequest request = request(cookie);
		this.limit.enforce(request, maximum);
		this.devices.signIn(request, principal);
		return request;
	}

	private MockHttpServletRequest visit() {
		MockHttpServletRequest request = request(null);
		this.manager.load(request).put("visits", 1);
		return request;
	}

	/** Save a request's session, as the end of the request does, and return its cookie. */
	private String save(MockHttpServletRequest request) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.manager.save(this.manager.load(request), response);
		Cookie cookie = response.getCookie("session");
		assertThat(cookie).as("a cookie was sent").isNotNull();
		return cookie.getValue();
	}

	private @Nullable String principalOf(String cookie) {
		Session session = this.manager.load(request(cookie));
		return session.get("keycard.principal", String.class);
	}

	private static MockHttpServletRequest request(@Nullable String cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (cookie != null) {
			request.setCookies(new Cookie("session", cookie));
		}
		return request;
	}

}
