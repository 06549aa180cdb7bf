package dev.keycard.session.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The semantics every way of keeping sessions shares, the cookie included: lifetimes, rolling
 * refresh, writing only what changed, invalidation and regeneration. Requests go through the
 * real {@link SessionFilter}; a small cookie jar plays the browser.
 */
public abstract class AbstractSessionSemanticsTests {

	protected static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	/**
	 * Create the manager under test.
	 * @param settings the cookie and lifetime settings
	 * @param clock the clock, which tests move forward
	 * @return the manager
	 */
	protected abstract DefaultSessionManager manager(SessionLifetime lifetime, Clock clock);

	/**
	 * Whether invalidation removes state on the server, so that a copied cookie stops working.
	 * @return {@code true} for server-side stores
	 */
	protected abstract boolean isServerSide();

	private Browser browser(SessionLifetime lifetime) {
		return new Browser(manager(lifetime, this.clock));
	}

	private Browser browser() {
		return browser(SessionLifetime.defaults());
	}

	private static SessionLifetime settings(Duration maxAge, @Nullable Duration absoluteTimeout, boolean rolling) {
		return new SessionLifetime(maxAge, absoluteTimeout, rolling);
	}

	@Test
	void valuesSurviveBetweenRequests() {
		Browser browser = browser();
		browser.request((session) -> session.put("count", 1));
		browser.request((session) -> session.put("count", (int) session.get("count") + 1));
		assertThat(browser.read()).containsEntry("count", 2);
	}

	@Test
	void onlyAChangeWrites() {
		Browser browser = browser();
		assertThat(browser.request((session) -> session.put("theme", "dark"))).isNotEmpty();
		assertThat(browser.request((session) -> session.get("theme"))).isEmpty();
		assertThat(browser.request((session) -> session.put("theme", "dark"))).as("same value again").isEmpty();
		browser.request((session) -> session.put("theme", "light"));
		assertThat(browser.read()).containsEntry("theme", "light");
	}

	@Test
	@SuppressWarnings("unchecked")
	void inPlaceChangeOfANestedListIsSaved() {
		Browser browser = browser();
		browser.request((session) -> session.put("notes", new ArrayList<>(List.of("one"))));
		browser.request((session) -> ((List<Object>) session.get("notes")).add("two"));
		assertThat(browser.read()).containsEntry("notes", List.of("one", "two"));
	}

	@Test
	void newSessionThatStaysEmptyLeavesNoTrace() {
		Browser browser = browser();
		assertThat(browser.request((session) -> session.get("anything"))).isEmpty();
		assertThat(browser.cookie()).isNull();
	}

	@Test
	void invalidateEmptiesTheSessionAndExpiresTheCookie() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		String copied = browser.cookie();
		List<String> headers = browser.request(Session::invalidate);
		assertThat(headers).singleElement().asString().contains("Max-Age=0");
		assertThat(browser.cookie()).isNull();
		assertThat(browser.read()).isEmpty();
		if (isServerSide()) {
			assertThat(browser.withCookie(copied).read()).as("a copied cookie after invalidate").isEmpty();
		}
	}

	@Test
	void valuesPutAfterInvalidateStartANewSession() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		String before = browser.cookie();
		browser.request((session) -> {
			session.invalidate();
			assertThat(session.isNew()).isTrue();
			session.put("user", "selina");
		});
		assertThat(browser.cookie()).isNotNull().isNotEqualTo(before);
		assertThat(browser.read()).containsExactly(Map.entry("user", "selina"));
		if (isServerSide()) {
			assertThat(browser.withCookie(before).read()).as("the cookie from before invalidate").isEmpty();
		}
	}

	@Test
	void regenerateAloneIssuesANewCookieForTheSameValues() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		String before = browser.cookie();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(browser.request(Session::regenerate)).as("Set-Cookie of a regenerate without a change")
			.isNotEmpty();
		assertThat(browser.cookie()).isNotNull().isNotEqualTo(before);
		assertThat(browser.read()).containsExactly(Map.entry("user", "bruce"));
		if (isServerSide()) {
			assertThat(browser.withCookie(before).read()).as("the cookie from before regenerate").isEmpty();
		}
	}

	@Test
	void regenerateKeepsTheValuesUnderANewCookie() {
		Browser browser = browser();
		browser.request((session) -> session.put("cart", List.of("cowl")));
		String before = browser.cookie();
		this.clock.advance(Duration.ofSeconds(1));
		browser.request((session) -> {
			session.regenerate();
			session.put("user", "bruce");
		});
		assertThat(browser.cookie()).isNotNull().isNotEqualTo(before);
		assertThat(browser.read()).containsEntry("cart", List.of("cowl")).containsEntry("user", "bruce");
		if (isServerSide()) {
			assertThat(browser.withCookie(before).read()).as("the cookie from before regenerate").isEmpty();
		}
	}

	@Test
	void clearExpiresTheCookie() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		assertThat(browser.request(Session::clear)).singleElement().asString().contains("Max-Age=0");
		assertThat(browser.read()).isEmpty();
	}

	@Test
	void sessionExpiresAfterMaxAgeWithoutActivity() {
		// Without rolling, so that the read at 29 minutes does not extend the session.
		Browser browser = browser(settings(Duration.ofMinutes(30), null, false));
		browser.request((session) -> session.put("user", "bruce"));
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(browser.withCookie(browser.cookie()).read()).containsEntry("user", "bruce");
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(browser.read()).isEmpty();
	}

	@Test
	void rollingRefreshKeepsAnActiveReadOnlySessionAlive() {
		Browser browser = browser(settings(Duration.ofMinutes(30), null, true));
		browser.request((session) -> session.put("user", "bruce"));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(browser.request((session) -> session.get("user"))).as("before half of max-age").isEmpty();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(browser.request((session) -> session.get("user"))).as("after half of max-age")
			.singleElement()
			.asString()
			.contains("Max-Age=1800");
		this.clock.advance(Duration.ofMinutes(25));
		assertThat(browser.read()).containsEntry("user", "bruce");
	}

	@Test
	void withoutRollingAReadOnlySessionExpiresMaxAgeAfterItsLastChange() {
		Browser browser = browser(settings(Duration.ofMinutes(30), null, false));
		browser.request((session) -> session.put("user", "bruce"));
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(browser.request((session) -> session.get("user"))).isEmpty();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(browser.read()).isEmpty();
	}

	@Test
	void absoluteTimeoutEndsEvenAnActiveSession() {
		Browser browser = browser(settings(Duration.ofMinutes(30), Duration.ofHours(1), true));
		for (int i = 0; i < 5; i++) {
			int visit = i;
			browser.request((session) -> session.put("visit", visit));
			this.clock.advance(Duration.ofMinutes(14));
		}
		assertThat(browser.read()).as("after 70 minutes of activity").isEmpty();
	}

	@Test
	void cookieMaxAgeNeverOutlivesTheAbsoluteTimeout() {
		Browser browser = browser(settings(Duration.ofMinutes(50), Duration.ofHours(1), true));
		browser.request((session) -> session.put("visit", 0));
		this.clock.advance(Duration.ofMinutes(45));
		List<String> headers = browser.request((session) -> session.put("visit", 1));
		assertThat(headers).singleElement().asString().contains("Max-Age=900");
	}

	@Test
	void sessionTooLargeToSaveFailsLoudlyAndKeepsThePreviousOne() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		assertThatThrownBy(() -> browser.request((session) -> session.put("blob", "x".repeat(1_100_000))))
			.rootCause()
			.isInstanceOf(SessionTooLargeException.class)
			.hasMessageContaining("over the limit of")
			.hasMessageContaining("'blob'");
		assertThat(browser.read()).containsExactly(Map.entry("user", "bruce"));
	}

	@Test
	void sessionTooLargeInBytesThoughNotInCharactersFailsLoudlyAndKeepsThePreviousOne() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		// 600,000 characters, 1,200,000 bytes of UTF-8: the limit is in bytes, as stores read them.
		assertThatThrownBy(() -> browser.request((session) -> session.put("blob", "\u00e9".repeat(600_000))))
			.rootCause()
			.isInstanceOf(SessionTooLargeException.class)
			.hasMessageContaining("'blob'");
		assertThat(browser.read()).containsExactly(Map.entry("user", "bruce"));
	}

	@Test
	void deeplyNestedValueLoadsBackIntactOrFailsLoudlyButIsNeverLost() {
		Browser browser = browser();
		browser.request((session) -> session.put("user", "bruce"));
		for (int depth = JsonSessionSerializer.MAX_NESTING_DEPTH - 2; depth <= JsonSessionSerializer.MAX_NESTING_DEPTH; depth++) {
			Object value = nestedLists(depth);
			Throwable failure = catchThrowable(() -> browser.request((session) -> session.put("deep", value)));
			Map<String, @Nullable Object> read = browser.read();
			if (failure == null) {
				assertThat(read).as("depth %d", depth).containsEntry("user", "bruce").containsEntry("deep", value);
			}
			else {
				assertThat(failure).as("depth %d", depth).hasStackTraceContaining("'deep'");
				assertThat(read).as("depth %d", depth).containsEntry("user", "bruce");
			}
		}
		Object shallowEnoughForEveryStore = nestedLists(JsonSessionSerializer.MAX_NESTING_DEPTH - 1);
		browser.request((session) -> session.put("deep", shallowEnoughForEveryStore));
		assertThat(browser.read()).containsEntry("deep", shallowEnoughForEveryStore);
	}

	private static Object nestedLists(int depth) {
		Object value = List.of();
		for (int level = 1; level < depth; level++) {
			value = List.of(value);
		}
		return value;
	}

	@Test
	void creationAndExpiryTimesAreVisible() {
		Browser browser = browser(settings(Duration.ofMinutes(30), null, true));
		Instant created = this.clock.instant();
		browser.request((session) -> session.put("user", "bruce"));
		this.clock.advance(Duration.ofMinutes(5));
		browser.request((session) -> {
			assertThat(session.getCreationTime()).isEqualTo(created);
			assertThat(session.getExpiryTime()).isEqualTo(created.plus(Duration.ofMinutes(30)));
			assertThat(session.isNew()).isFalse();
		});
	}

	/** Plays a browser: keeps the session cookie between requests, as Set-Cookie says. */
	protected static final class Browser {

		private final DefaultSessionManager manager;

		private @Nullable String cookie;

		private int lastStatus;

		Browser(DefaultSessionManager manager) {
			this.manager = manager;
		}

		@Nullable String cookie() {
			return this.cookie;
		}

		/** The status of the last request's response. */
		int lastStatus() {
			return this.lastStatus;
		}

		/** Another browser, holding a copy of a cookie. */
		Browser withCookie(@Nullable String cookie) {
			Browser other = new Browser(this.manager);
			other.cookie = cookie;
			return other;
		}

		/** Run a request that uses the session; return the Set-Cookie headers it sent. */
		List<String> request(Consumer<Session> handler) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			if (this.cookie != null) {
				request.setCookies(new Cookie("session", this.cookie));
			}
			MockHttpServletResponse response = new MockHttpServletResponse();
			DefaultSessionManager sessions = this.manager;
			HttpServlet servlet = new HttpServlet() {

				@Override
				protected void service(HttpServletRequest req, HttpServletResponse res) {
					handler.accept(sessions.load(req));
				}

			};
			try {
				new SessionFilter(sessions).doFilter(request, response, new MockFilterChain(servlet));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			this.lastStatus = response.getStatus();
			Cookie sent = response.getCookie("session");
			if (sent != null) {
				this.cookie = (sent.getMaxAge() == 0) ? null : sent.getValue();
			}
			return response.getHeaders("Set-Cookie");
		}

		Map<String, @Nullable Object> read() {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			request((session) -> session.forEach(values::put));
			return values;
		}

	}

}
