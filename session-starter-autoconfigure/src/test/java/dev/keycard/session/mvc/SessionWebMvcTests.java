package dev.keycard.session.mvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.mvc.MvcTestApplication.CountingCodec;
import dev.keycard.session.web.KeycardFlashMapManager;
import dev.keycard.session.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests of Keycard in a {@code @WebMvcTest} slice: the auto-configuration is part of the slice,
 * and the filter, resolver and manager decide what is written.
 */
@WebMvcTest
@TestPropertySource(properties = "app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa")
class SessionWebMvcTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MutableClock clock;

	@Autowired
	private CountingCodec codec;

	@Autowired
	private KeyRing keyRing;

	@BeforeEach
	void resetClock() {
		this.clock.set(MvcTestApplication.START);
	}

	@Test
	void requestThatNeverTouchesTheSessionDoesNoCryptography() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/a/1")).andReturn());
		int decodes = this.codec.decodes.get();
		int encodes = this.codec.encodes.get();
		MvcResult result = this.mvc.perform(get("/read-nothing").cookie(cookie)).andExpect(status().isOk()).andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
		assertThat(this.codec.decodes.get()).isEqualTo(decodes);
		assertThat(this.codec.encodes.get()).isEqualTo(encodes);
	}

	@Test
	void filterAtSpringSecurityOrderCanUseTheSession() throws Exception {
		MvcResult result = this.mvc.perform(get("/none")).andReturn();
		assertThat(contentsOf(result)).containsEntry("securityFilter", "ran");
	}

	@Test
	void readOnlyRequestSendsNoCookie() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		MvcResult result = this.mvc.perform(get("/read").cookie(cookie))
			.andExpect(content().string("count=1 new=false"))
			.andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void newSessionThatStaysEmptySendsNoCookie() throws Exception {
		MvcResult result = this.mvc.perform(get("/read")).andExpect(content().string("count=null new=true")).andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void writingTheSameValueAgainSendsNoCookie() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/theme/dark")).andReturn());
		MvcResult result = this.mvc.perform(get("/put/theme/dark").cookie(cookie)).andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void changedSessionSendsCookieWithVaryAndCacheControl() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/put/theme/dark")).andReturn().getResponse();
		assertThat(response.getHeaders("Set-Cookie")).singleElement()
			.asString()
			.startsWith("session=")
			.contains("Path=/", "Max-Age=1209600", "Expires=", "HttpOnly", "SameSite=Lax")
			.doesNotContain("Secure", "Domain");
		assertThat(response.getHeaders("Vary")).contains("Cookie");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("private");
	}

	@Test
	void publicCacheControlBecomesPrivateWhenACookieIsSent() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/public")).andReturn().getResponse();
		assertThat(response.getHeader("Cache-Control")).isEqualTo("private, max-age=60");
	}

	@Test
	void inPlaceChangeToNestedListIsSaved() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/notes/add").param("note", "first")).andReturn());
		MvcResult second = this.mvc.perform(get("/notes/add").param("note", "second").cookie(cookie)).andReturn();
		assertThat(contentsOf(second)).containsEntry("notes", List.of("first", "second"));
	}

	@Test
	void clearingASessionThatCameWithACookieExpiresIt() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/user/bruce")).andReturn());
		MockHttpServletResponse response = this.mvc.perform(get("/clear").cookie(cookie)).andReturn().getResponse();
		assertThat(response.getHeaders("Set-Cookie")).singleElement()
			.asString()
			.startsWith("session=;")
			.contains("Max-Age=0", "Expires=Thu, 1 Jan 1970");
	}

	@Test
	void invalidatingASessionThatCameWithACookieExpiresIt() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/user/bruce")).andReturn());
		MockHttpServletResponse response = this.mvc.perform(get("/invalidate").cookie(cookie))
			.andReturn()
			.getResponse();
		assertThat(response.getHeaders("Set-Cookie")).singleElement().asString().contains("Max-Age=0");
	}

	@Test
	void clearingANewSessionSendsNothing() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/clear")).andReturn().getResponse();
		assertThat(response.getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void interceptorsBeforeAndAfterTheHandlerShareItsSession() throws Exception {
		MvcResult result = this.mvc.perform(get("/intercepted")).andExpect(content().string("same=true")).andReturn();
		assertThat(contentsOf(result)).containsExactly(Map.entry("before", "interceptor"),
				Map.entry("handler", "controller"), Map.entry("after", "interceptor"));
	}

	@Test
	void cookieIsSetOnRedirect() throws Exception {
		MvcResult result = this.mvc.perform(get("/redirect")).andExpect(status().is3xxRedirection()).andReturn();
		assertThat(contentsOf(result)).containsEntry("redirected", true);
	}

	@Test
	void cookieIsSetOnSendError() throws Exception {
		MvcResult result = this.mvc.perform(get("/error404")).andExpect(status().isNotFound()).andReturn();
		assertThat(contentsOf(result)).containsEntry("errored", true);
	}

	@Test
	void savingTwiceInOneResponseReplacesTheFirstCookieAndKeepsOthers() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/save-twice")).andReturn().getResponse();
		List<String> setCookies = response.getHeaders("Set-Cookie");
		assertThat(setCookies).hasSize(2).anySatisfy((header) -> assertThat(header).startsWith("theme=dark"));
		assertThat(setCookies.stream().filter((header) -> header.startsWith("session=")).toList()).hasSize(1);
		assertThat(contentsOf(response)).containsEntry("step", 2);
	}

	@Test
	void explicitSaveAfterTheResponseCommittedFailsClearly() throws Exception {
		MvcResult result = this.mvc.perform(get("/save-after-commit")).andReturn();
		assertThat(result.getResponse().getContentAsString()).contains("already committed");
	}

	@Test
	void sessionTooLargeForACookieFailsNamingSizeLimitAndLargestKeys() {
		assertThatThrownBy(() -> this.mvc.perform(get("/large"))).satisfies((ex) -> {
			SessionTooLargeException tooLarge = find(ex, SessionTooLargeException.class);
			assertThat(tooLarge.getSize()).isGreaterThan(4096);
			assertThat(tooLarge.getLimit()).isEqualTo(4096);
			assertThat(tooLarge.getLargestKeys().get(0)).startsWith("'blob' (");
			assertThat(tooLarge.getMessage()).contains("over the limit of 4096 bytes", "'blob'");
		});
	}

	@Test
	void handlerFailureNobodyHandlesLeavesTheSessionAsItWas() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/user/bruce")).andReturn());
		assertThatThrownBy(() -> this.mvc.perform(get("/fail").cookie(cookie))).hasRootCauseMessage(
				"the handler failed half-way");
		MvcResult after = this.mvc.perform(get("/read").cookie(cookie)).andReturn();
		assertThat(after.getResponse().getHeaders("Set-Cookie")).isEmpty();
		assertThat(contentsOf(tokenResult(cookie))).containsExactly(Map.entry("user", "bruce"));
	}

	@Test
	void handlerFailureAnExceptionHandlerAnswersIsSavedLikeAnyResponse() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/user/bruce")).andReturn());
		MvcResult handled = this.mvc.perform(get("/fail-handled").cookie(cookie))
			.andExpect(status().isConflict())
			.andReturn();
		assertThat(contentsOf(handled)).containsEntry("user", "bruce")
			.containsEntry("half", "done")
			.containsEntry("handledBy", "exceptionHandler");
	}

	@Test
	void flashAttributeSurvivesExactlyOneRedirectWithoutAnHttpSession() throws Exception {
		MvcResult saved = this.mvc.perform(get("/flash/save")).andExpect(status().is3xxRedirection()).andReturn();
		Cookie session = sessionCookie(saved);
		Cookie marker = saved.getResponse().getCookie("session_flash");
		assertThat(marker).isNotNull();
		assertThat(saved.getRequest().getSession(false)).isNull();

		MvcResult shown = this.mvc.perform(get("/flash/show").cookie(session, marker))
			.andExpect(content().string("message=Theme saved"))
			.andReturn();
		assertThat(shown.getResponse().getCookie("session_flash").getMaxAge()).isZero();
		assertThat(shown.getRequest().getSession(false)).isNull();

		Cookie afterShow = sessionCookie(shown);
		this.mvc.perform(get("/flash/show").cookie(afterShow, marker)).andExpect(content().string("message=null"));
	}

	@Test
	void flashMarkerCookieAloneStillKeepsSharedCachesAway() throws Exception {
		MvcResult saved = this.mvc.perform(get("/flash/save")).andExpect(status().is3xxRedirection()).andReturn();
		assertThat(saved.getResponse().getHeaders("Vary")).contains("Cookie");
		assertThat(saved.getResponse().getHeader("Cache-Control")).isEqualTo("private");
		// A marker without a pending flash: only the marker is expired, and no session cookie is sent.
		MvcResult stale = this.mvc.perform(get("/flash/show").cookie(new Cookie("session_flash", "1")))
			.andExpect(content().string("message=null"))
			.andReturn();
		assertThat(stale.getResponse().getCookie("session_flash").getMaxAge()).isZero();
		assertThat(stale.getResponse().getCookie("session")).isNull();
		assertThat(stale.getResponse().getHeaders("Vary")).contains("Cookie");
		assertThat(stale.getResponse().getHeader("Cache-Control")).isEqualTo("private");
	}

	@Test
	void flashesOfRedirectsNeverFollowedAreCappedSoTheSessionKeepsFitting() throws Exception {
		Cookie session = null;
		Cookie marker = null;
		for (int i = 0; i < 40; i++) {
			MvcResult saved = this.mvc.perform((session != null) ? get("/flash/save").cookie(session, marker)
					: get("/flash/save")).andExpect(status().is3xxRedirection()).andReturn();
			session = sessionCookie(saved);
			marker = saved.getResponse().getCookie("session_flash");
		}
		assertThat((List<?>) contentsOf(tokenResult(session)).get("keycard.flash"))
			.hasSize(KeycardFlashMapManager.MAX_PENDING_FLASH_MAPS);
	}

	@Test
	void requestWithoutAPendingFlashDoesNotReadTheSession() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/a/1")).andReturn());
		int decodes = this.codec.decodes.get();
		this.mvc.perform(get("/flash/show").cookie(cookie)).andExpect(content().string("message=null"));
		assertThat(this.codec.decodes.get()).isEqualTo(decodes);
	}

	@Test
	void asyncHandlerChangesAreSavedAfterTheAsyncDispatch() throws Exception {
		MvcResult started = this.mvc.perform(get("/async")).andExpect(request().asyncStarted()).andReturn();
		assertThat(started.getResponse().getHeaders("Set-Cookie")).isEmpty();
		MvcResult finished = this.mvc.perform(asyncDispatch(started)).andExpect(content().string("async")).andReturn();
		assertThat(contentsOf(finished)).containsEntry("async", "yes");
	}

	@Test
	void regenerateReissuesTheCookieWithTheSameValues() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/put/user/bruce")).andReturn());
		this.clock.advance(Duration.ofMinutes(1));
		MvcResult result = this.mvc.perform(get("/regenerate").cookie(cookie)).andReturn();
		assertThat(sessionCookie(result).getValue()).isNotEqualTo(cookie.getValue());
		assertThat(contentsOf(result)).containsEntry("user", "bruce");
	}

	@Test
	void unchangedSessionIsRefreshedOnceHalfOfMaxAgeHasPassed() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		this.clock.advance(Duration.ofDays(6));
		assertThat(this.mvc.perform(get("/read").cookie(cookie)).andReturn().getResponse().getHeaders("Set-Cookie"))
			.isEmpty();
		this.clock.advance(Duration.ofDays(2));
		MvcResult refreshed = this.mvc.perform(get("/read").cookie(cookie)).andReturn();
		SessionToken token = tokenOf(refreshed.getResponse());
		assertThat(token.issuedAt()).isEqualTo(MvcTestApplication.START.plus(Duration.ofDays(8)));
		assertThat(token.expiresAt()).isEqualTo(MvcTestApplication.START.plus(Duration.ofDays(22)));
		assertThat(token.createdAt()).isEqualTo(MvcTestApplication.START);
	}

	@Test
	void expiredSessionGivesANewEmptySession() throws Exception {
		Cookie cookie = sessionCookie(this.mvc.perform(get("/count")).andReturn());
		this.clock.advance(Duration.ofDays(14).plusSeconds(1));
		this.mvc.perform(get("/read").cookie(cookie)).andExpect(content().string("count=null new=true"));
	}

	@Test
	void tokenUnderASecretTheApplicationNoLongerListsIsRefusedThoughARingWithItAcceptsIt() throws Exception {
		KeyRing old = KeyRing.of("Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV", List.of());
		KeyRing rotated = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of("Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV"));
		byte[] payload = new JsonSessionSerializer().serialize(Map.of("count", 5));
		SessionToken token = new SessionToken(MvcTestApplication.START, MvcTestApplication.START,
				MvcTestApplication.START.plus(Duration.ofDays(14)), payload);
		String oldValue = new SignedSessionCodec(old).encode("session", token);
		assertThat(new SignedSessionCodec(rotated).decode("session", oldValue, this.clock.instant())).isNotNull();
		// The application's ring has no previous secret: the old token is refused there.
		this.mvc.perform(get("/read").cookie(new Cookie("session", oldValue)))
			.andExpect(content().string("count=null new=true"));
	}

	/** The contents of a session cookie, as a response that set it would show them. */
	private MockHttpServletResponse tokenResult(Cookie cookie) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.addHeader("Set-Cookie", "session=" + cookie.getValue() + "; Path=/");
		return response;
	}

	private Cookie sessionCookie(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("session");
		assertThat(cookie).as("session cookie").isNotNull();
		return cookie;
	}

	private Map<String, @Nullable Object> contentsOf(MvcResult result) {
		return contentsOf(result.getResponse());
	}

	private Map<String, @Nullable Object> contentsOf(MockHttpServletResponse response) {
		return new JsonSessionSerializer().deserialize(tokenOf(response).payload());
	}

	private SessionToken tokenOf(MockHttpServletResponse response) {
		List<String> headers = response.getHeaders("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith("session="))
			.toList();
		assertThat(headers).as("session Set-Cookie headers").hasSize(1);
		String value = headers.get(0).substring("session=".length(), headers.get(0).indexOf(';'));
		SessionToken token = new SignedSessionCodec(this.keyRing).decode("session", value, this.clock.instant());
		assertThat(token).as("decoded session token").isNotNull();
		return token;
	}

	private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + thrown, thrown);
	}

}
