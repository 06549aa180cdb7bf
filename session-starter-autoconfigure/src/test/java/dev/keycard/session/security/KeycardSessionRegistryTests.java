package dev.keycard.session.security;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionLimit;

import dev.keycard.session.Session;
import dev.keycard.session.UserSession;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionDevices;
import dev.keycard.session.web.SessionLifetime;
import dev.keycard.session.web.SignInLimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeycardSessionRegistry} and {@link ConcurrentSessionControlPostProcessor}:
 * Spring Security's view of a user's sessions, and which concurrency strategies Keycard takes
 * over.
 */
class KeycardSessionRegistryTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private final DefaultSessionManager manager = DefaultSessionManager.inStore(
			new MemorySessionStore(100, Clock.systemUTC()), new SessionIdCodec(KEY_RING), new JsonSessionSerializer(),
			SessionCookie.named("session"), SessionLifetime.defaults(), Clock.systemUTC());

	private final SessionDevices devices = new SessionDevices(this.manager, false);

	private final KeycardSessionRegistry registry = new KeycardSessionRegistry(this.devices,
			new SignInLimit(this.manager));

	@Test
	void listsAUsersSessionsUnderTheNameSpringSecurityGivesThePrincipal() {
		signIn("gordon");
		signIn("gordon");
		signIn("bullock");
		UserDetails user = User.withUsername("gordon").password("unused").roles("OFFICER").build();
		Principal principal = () -> "gordon";
		AuthenticatedPrincipal oauth2User = () -> "gordon";

		List<SessionInformation> sessions = this.registry.getAllSessions(user, false);
		assertThat(sessions).hasSize(2).allSatisfy((session) -> {
			assertThat(session.getPrincipal()).isSameAs(user);
			assertThat(session.isExpired()).isFalse();
			assertThat(session.getLastRequest()).isNotNull();
		});
		assertThat(sessions).extracting(SessionInformation::getSessionId)
			.containsExactlyInAnyOrderElementsOf(
					this.devices.list("gordon", null).stream().map(UserSession::id).toList());
		assertThat(this.registry.getAllSessions("gordon", true)).hasSize(2);
		assertThat(this.registry.getAllSessions(principal, false)).hasSize(2);
		assertThat(this.registry.getAllSessions(oauth2User, false)).hasSize(2);
		assertThat(this.registry.getAllSessions("selina", false)).isEmpty();
	}

	@Test
	void expiringASessionRevokesItSoThatItsNextRequestIsAnonymous() {
		String desk = signIn("gordon");
		String phone = signIn("gordon");
		SessionInformation deskSession = this.registry.getAllSessions("gordon", false)
			.stream()
			.filter((session) -> session.getSessionId().equals(idOf(desk)))
			.findFirst()
			.orElseThrow();

		deskSession.expireNow();

		assertThat(deskSession.isExpired()).isTrue();
		assertThat(load(desk).get("keycard.principal")).isNull();
		assertThat(load(phone).get("keycard.principal")).isEqualTo("gordon");
		assertThat(this.registry.getAllSessions("gordon", true)).singleElement()
			.extracting(SessionInformation::getSessionId)
			.isEqualTo(idOf(phone));
	}

	@Test
	void springSecuritysOwnStrategyLeftInPlaceSignsTheOldestOutThroughIt() {
		String desk = signIn("gordon");
		String phone = signIn("gordon");
		ConcurrentSessionControlAuthenticationStrategy strategy = new ConcurrentSessionControlAuthenticationStrategy(
				this.registry);
		strategy.setMaximumSessions(2);
		Authentication gordon = UsernamePasswordAuthenticationToken.authenticated("gordon", null, List.of());

		strategy.onAuthentication(gordon, new MockHttpServletRequest(), new MockHttpServletResponse());

		assertThat(this.registry.getAllSessions("gordon", false)).hasSize(1);
		assertThat(load(desk).get("keycard.principal") == null ^ load(phone).get("keycard.principal") == null)
			.as("one of the two signed out")
			.isTrue();
	}

	@Test
	void listingEveryPrincipalIsRefusedSayingWhatToAskInstead() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(this.registry::getAllPrincipals)
			.withMessageContaining("getAllSessions(principal, false)");
	}

	@Test
	void answersNothingByHttpSessionIdAndRecordsNothingPerRequest() {
		String desk = signIn("gordon");
		String id = idOf(desk);

		this.registry.registerNewSession(id, "selina");
		this.registry.refreshLastRequest(id);
		this.registry.removeSessionInformation(id);

		assertThat(this.registry.getSessionInformation(id)).isNull();
		assertThat(this.registry.getAllSessions("selina", false)).isEmpty();
		assertThat(this.registry.getAllSessions("gordon", false)).singleElement()
			.extracting(SessionInformation::getSessionId)
			.isEqualTo(id);
	}

	@Test
	void takesOverSpringSecuritysConcurrencyControlOnThisRegistryWithItsSessionLimit() {
		ConcurrentSessionControlAuthenticationStrategy configured = new ConcurrentSessionControlAuthenticationStrategy(
				this.registry);
		configured.setMaximumSessions(SessionLimit.of(3));

		Object processed = new ConcurrentSessionControlPostProcessor().postProcessAfterInitialization(configured,
				"strategy");

		assertThat(processed).isInstanceOf(KeycardConcurrentSessionControl.class);
	}

	@Test
	void theStrategyItTakesOverLimitsEachUserAsTheSessionLimitAnswers() {
		ConcurrentSessionControlAuthenticationStrategy configured = new ConcurrentSessionControlAuthenticationStrategy(
				this.registry);
		configured.setMaximumSessions((authentication) -> authentication.getName().equals("gordon") ? 1 : -1);
		SessionAuthenticationStrategy strategy = (SessionAuthenticationStrategy) new ConcurrentSessionControlPostProcessor()
			.postProcessAfterInitialization(configured, "strategy");

		String gordonsDesk = signIn("gordon", strategy);
		String gordonsPhone = signIn("gordon", strategy);
		String bullocksDesk = signIn("bullock", strategy);
		String bullocksPhone = signIn("bullock", strategy);

		assertThat(load(gordonsDesk).get("keycard.principal")).as("one session for gordon").isNull();
		assertThat(load(gordonsPhone).get("keycard.principal")).isEqualTo("gordon");
		assertThat(load(bullocksDesk).get("keycard.principal")).as("no limit for bullock").isEqualTo("bullock");
		assertThat(load(bullocksPhone).get("keycard.principal")).isEqualTo("bullock");
	}

	@Test
	void leavesARefusingStrategyAndOneOnAnotherRegistryAsTheyAre() {
		ConcurrentSessionControlAuthenticationStrategy refusing = new ConcurrentSessionControlAuthenticationStrategy(
				this.registry);
		refusing.setExceptionIfMaximumExceeded(true);
		ConcurrentSessionControlAuthenticationStrategy elsewhere = new ConcurrentSessionControlAuthenticationStrategy(
				new SessionRegistryImpl());
		ConcurrentSessionControlPostProcessor postProcessor = new ConcurrentSessionControlPostProcessor();

		assertThat(postProcessor.postProcessAfterInitialization(refusing, "refusing")).isSameAs(refusing);
		assertThat(postProcessor.postProcessAfterInitialization(elsewhere, "elsewhere")).isSameAs(elsewhere);
		assertThat(postProcessor.postProcessAfterInitialization(this.registry, "registry")).isSameAs(this.registry);
	}

	/** Sign a user in on a new session, as Spring Security's sign-in does through the HttpSession, and save it. */
	private String signIn(String principal) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.devices.signIn(request, principal);
		this.manager.save(this.manager.load(request), response);
		return response.getCookie("session").getValue();
	}

	/** Sign a user in as Spring Security's form login does: the session strategy, then the sign-in, then the save. */
	private String signIn(String principal, SessionAuthenticationStrategy strategy) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		strategy.onAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()), request,
				response);
		this.devices.signIn(request, principal);
		this.manager.save(this.manager.load(request), response);
		return response.getCookie("session").getValue();
	}

	private Session load(String cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("session", cookie));
		return this.manager.load(request);
	}

	private String idOf(String cookie) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("session", cookie));
		return this.devices.list("gordon", request)
			.stream()
			.filter(UserSession::current)
			.map(UserSession::id)
			.findFirst()
			.orElseThrow();
	}

}
