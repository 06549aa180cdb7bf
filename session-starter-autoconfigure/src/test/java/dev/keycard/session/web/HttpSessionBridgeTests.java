package dev.keycard.session.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SignedSessionCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the {@code HttpSession} that {@link HttpSessionBridge} gives requests: the Keycard
 * session under the servlet API, through the real {@link SessionFilter}.
 */
class HttpSessionBridgeTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private final DefaultSessionManager manager = DefaultSessionManager.inCookies(new SignedSessionCodec(KEY_RING),
			new JsonSessionSerializer(), SessionCookie.named("session"), SessionLifetime.defaults(), Clock.systemUTC());

	private final HttpSessionBridge bridge = new HttpSessionBridge(List.of(new LocaleConverter()),
			SessionLifetime.defaults());

	private @Nullable String cookie;

	@Test
	void requestWithoutASessionHasNoHttpSessionUntilOneIsCreated() {
		request((request) -> {
			assertThat(request.getSession(false)).isNull();
			assertThat(request.isRequestedSessionIdValid()).isFalse();
			assertThat(request.getRequestedSessionId()).isNull();
			HttpSession session = request.getSession();
			assertThat(session.isNew()).isTrue();
			assertThat(request.getSession(false)).isSameAs(session);
		});
	}

	@Test
	void attributesAreTheKeycardSessionsValuesAndSurviveTheRequest() {
		request((request) -> request.getSession().setAttribute("cart", List.of("cowl", Map.of("boots", 2))));
		request((request) -> {
			HttpSession session = request.getSession(false);
			assertThat(session).isNotNull();
			assertThat(session.isNew()).isFalse();
			assertThat(request.isRequestedSessionIdValid()).isTrue();
			assertThat(session.getAttribute("cart")).isEqualTo(List.of("cowl", Map.of("boots", 2)));
			assertThat(this.manager.load(request)).containsEntry("cart", List.of("cowl", Map.of("boots", 2)));
		});
	}

	@Test
	void valueThatIsNotJsonIsRefusedWhenSetNamingTheAttributeAndItsType() {
		request((request) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> request.getSession().setAttribute("cart", new Cart("cowl")))
			.withMessageContaining("'cart'")
			.withMessageContaining(Cart.class.getName())
			.withMessageContaining("HttpSessionAttributeConverter")
			.withMessageContaining("app.session.http-session=container"));
	}

	@Test
	void valueThatHoldsSomethingNotJsonIsRefusedNamingWhatItHolds() {
		request((request) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> request.getSession().setAttribute("carts", List.of(new Cart("cowl"))))
			.withMessageContaining("'carts'")
			.withMessageContaining("with a " + Cart.class.getName()));
	}

	@Test
	void valueOfAConvertedTypeComesBackAsItsType() {
		request((request) -> request.getSession().setAttribute("locale", Locale.CANADA_FRENCH));
		request((request) -> {
			assertThat(request.getSession().getAttribute("locale")).isEqualTo(Locale.CANADA_FRENCH);
			assertThat(this.manager.load(request).get("locale")).isEqualTo(
					Map.of("keycard.converter", "locale", "value", "fr-CA"));
		});
	}

	@Test
	void convertedValueThatCannotBeReadIsAbsent() {
		request((request) -> this.manager.load(request)
			.put("locale", Map.of("keycard.converter", "locale", "value", List.of("not", "a", "tag"))));
		request((request) -> assertThat(request.getSession().getAttribute("locale")).isNull());
	}

	@Test
	void changeSessionIdRegeneratesTheSessionAndGivesANewId() {
		request((request) -> request.getSession().setAttribute("user", "bruce"));
		List<String> ids = new ArrayList<>();
		request((request) -> {
			ids.add(request.getSession().getId());
			ids.add(request.changeSessionId());
			ids.add(request.getSession().getId());
		});
		assertThat(ids.get(1)).isNotEqualTo(ids.get(0)).isEqualTo(ids.get(2));
		request((request) -> assertThat(request.getSession().getAttribute("user")).isEqualTo("bruce"));
	}

	@Test
	void changeSessionIdWithoutASessionFails() {
		request((request) -> assertThatIllegalStateException().isThrownBy(request::changeSessionId));
	}

	@Test
	void idIsNotTheCookie() {
		List<String> ids = new ArrayList<>();
		request((request) -> {
			request.getSession().setAttribute("user", "bruce");
			ids.add(request.getSession().getId());
		});
		assertThat(ids.get(0)).hasSize(32);
		assertThat(this.cookie).doesNotContain(ids.get(0));
	}

	@Test
	void askingForTheIdWritesNothingByItself() {
		request((request) -> request.getSession().setAttribute("user", "bruce"));
		MockHttpServletResponse response = request((request) -> {
			String id = request.getSession().getId();
			assertThat(request.getSession().getId()).as("within the request").isEqualTo(id);
		});
		assertThat(response.getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void invalidateEndsTheSessionAndAnotherCanBeCreated() {
		request((request) -> request.getSession().setAttribute("user", "bruce"));
		MockHttpServletResponse response = request((request) -> {
			HttpSession session = request.getSession();
			session.invalidate();
			assertThatIllegalStateException().isThrownBy(() -> session.getAttribute("user"));
			assertThat(request.getSession(false)).isNull();
			assertThat(request.getSession().getAttribute("user")).isNull();
		});
		assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=0");
		assertThat(this.cookie).isNull();
	}

	@Test
	void keycardsOwnKeysAreNotListedAsAttributes() {
		request((request) -> {
			HttpSession session = request.getSession();
			session.getId();
			session.setAttribute("user", "bruce");
			assertThat(Collections.list(session.getAttributeNames())).containsExactly("user");
		});
	}

	@Test
	void theContainerNeverCreatesASession() {
		MockHttpServletResponse response = request((request) -> request.getSession().setAttribute("user", "bruce"));
		assertThat(response.getCookie("JSESSIONID")).isNull();
		assertThat(response.getHeaders("Set-Cookie")).singleElement().asString().startsWith("session=");
	}

	private MockHttpServletResponse request(Consumer<HttpServletRequest> handler) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		if (this.cookie != null) {
			request.setCookies(new Cookie("session", this.cookie));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		SessionFilter filter = new SessionFilter(this.manager);
		filter.setHttpSessionBridge(this.bridge);
		try {
			filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {

				@Override
				protected void service(HttpServletRequest req, HttpServletResponse res) {
					handler.accept(req);
				}

			}));
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(request.getSession(false)).as("the container's session").isNull();
		Cookie sent = response.getCookie("session");
		if (sent != null) {
			this.cookie = (sent.getMaxAge() == 0) ? null : sent.getValue();
		}
		return response;
	}

	record Cart(String item) {
	}

	/** Keeps a Locale as its language tag. */
	static final class LocaleConverter implements HttpSessionAttributeConverter {

		@Override
		public String name() {
			return "locale";
		}

		@Override
		public boolean canWrite(Object value) {
			return value instanceof Locale;
		}

		@Override
		public Object write(Object value) {
			return ((Locale) value).toLanguageTag();
		}

		@Override
		public @Nullable Object read(Object json) {
			return Locale.forLanguageTag((String) json);
		}

	}

}
