package dev.keycard.session.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.SavedRequest;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.web.HttpSessionAttributeConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What Spring Security keeps in the {@code HttpSession} survives the Keycard session as JSON:
 * each value is written, turned into JSON text and read back as a later request would.
 */
class SpringSecurityConvertersTests {

	private static final JsonSessionSerializer SERIALIZER = new JsonSessionSerializer();

	private static final Instant ISSUED = Instant.parse("2026-12-02T10:00:00Z");

	private final SecurityContextConverter contexts = SecurityContextConverter.withStandardMappers(List.of());

	@Test
	void formLoginOfASpringSecurityUserKeepsItsNameAndAuthoritiesOnly() {
		FactorGrantedAuthority password = FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
			.issuedAt(ISSUED)
			.build();
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_OFFICER"), password);
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
			.authenticated(new User("gordon", "{noop}gotham", authorities), "gotham", authorities);

		Authentication read = readBack(authentication);

		assertThat(read).isInstanceOf(UsernamePasswordAuthenticationToken.class);
		assertThat(read.isAuthenticated()).isTrue();
		assertThat(read.getName()).isEqualTo("gordon");
		assertThat(read.getCredentials()).isNull();
		assertThat(read.getPrincipal()).isInstanceOfSatisfying(User.class, (user) -> {
			assertThat(user.getUsername()).isEqualTo("gordon");
			assertThat(user.getPassword()).isEmpty();
		});
		assertThat(read.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_OFFICER", FactorGrantedAuthority.PASSWORD_AUTHORITY);
		assertThat(read.getAuthorities()).filteredOn(FactorGrantedAuthority.class::isInstance)
			.singleElement()
			.satisfies((factor) -> assertThat(((FactorGrantedAuthority) factor).getIssuedAt()).isEqualTo(ISSUED));
		assertThat(json(authentication)).doesNotContain("gotham");
	}

	@Test
	void rememberMeStaysRememberMe() {
		RememberMeAuthenticationToken authentication = new RememberMeAuthenticationToken("key", "selina",
				AuthorityUtils.createAuthorityList("ROLE_CAT"));
		Authentication read = readBack(authentication);
		assertThat(read).isInstanceOf(RememberMeAuthenticationToken.class);
		assertThat(read.getName()).isEqualTo("selina");
		assertThat(read.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_CAT");
	}

	@Test
	void oauth2LoginKeepsTheRegistrationAttributesAndName() {
		List<GrantedAuthority> authorities = List.of(
				new OAuth2UserAuthority("OAUTH2_USER", Map.of("id", 42, "login", "bruce"), "login"),
				new SimpleGrantedAuthority("SCOPE_read:user"));
		DefaultOAuth2User user = new DefaultOAuth2User(authorities, Map.of("id", 42, "login", "bruce"), "login");

		Authentication read = readBack(new OAuth2AuthenticationToken(user, authorities, "github"));

		assertThat(read).isInstanceOfSatisfying(OAuth2AuthenticationToken.class, (token) -> {
			assertThat(token.getAuthorizedClientRegistrationId()).isEqualTo("github");
			assertThat(token.getName()).isEqualTo("bruce");
			assertThat(token.getPrincipal().getAttributes()).containsEntry("id", 42).containsEntry("login", "bruce");
		});
		assertThat(read.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("OAUTH2_USER", "SCOPE_read:user");
		assertThat(read.getAuthorities()).hasAtLeastOneElementOfType(OAuth2UserAuthority.class);
	}

	@Test
	void oidcLoginKeepsTheIdTokensClaimsAndTimesButNotTheTokenItself() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "https://login.example.com");
		claims.put("sub", "b-1939");
		claims.put("aud", List.of("keycard"));
		claims.put("iat", ISSUED);
		claims.put("exp", ISSUED.plusSeconds(300));
		claims.put("nonce", "n-0S6_WzA2Mj");
		claims.put("name", "Bruce Wayne");
		OidcIdToken idToken = new OidcIdToken("eyJhbGciOiJSUzI1NiJ9.raw-token-value", ISSUED, ISSUED.plusSeconds(300),
				claims);
		OidcUserInfo userInfo = new OidcUserInfo(Map.of("sub", "b-1939", "email", "bruce@wayne.example"));
		List<GrantedAuthority> authorities = List.of(new OidcUserAuthority("OIDC_USER", idToken, userInfo, "sub"),
				new SimpleGrantedAuthority("SCOPE_openid"));
		DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, userInfo, "sub");
		OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, authorities, "keycard");

		Authentication read = readBack(authentication);

		assertThat(read).isInstanceOfSatisfying(OAuth2AuthenticationToken.class, (token) -> {
			assertThat(token.getName()).isEqualTo("b-1939");
			OidcUser oidcUser = (OidcUser) token.getPrincipal();
			assertThat(oidcUser.getIdToken().getIssuedAt()).isEqualTo(ISSUED);
			assertThat(oidcUser.getIdToken().getExpiresAt()).isEqualTo(ISSUED.plusSeconds(300));
			assertThat(oidcUser.getIdToken().getIssuer()).hasToString("https://login.example.com");
			assertThat(oidcUser.getIdToken().getNonce()).isEqualTo("n-0S6_WzA2Mj");
			assertThat(oidcUser.getFullName()).isEqualTo("Bruce Wayne");
			assertThat(oidcUser.getEmail()).isEqualTo("bruce@wayne.example");
		});
		assertThat(read.getAuthorities()).hasAtLeastOneElementOfType(OidcUserAuthority.class);
		assertThat(json(authentication)).doesNotContain("raw-token-value");
	}

	@Test
	void authenticationOfAnotherKindIsRefusedAtSignInSayingWhatToDeclare() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.contexts.write(new SecurityContextImpl(new TestingAuthenticationToken("joker", "x"))))
			.withMessageContaining(TestingAuthenticationToken.class.getName())
			.withMessageContaining("AuthenticationDocumentMapper");
	}

	@Test
	void applicationMapperComesFirst() {
		AuthenticationDocumentMapper testing = new AuthenticationDocumentMapper() {

			@Override
			public @Nullable Map<String, @Nullable Object> write(Authentication authentication) {
				return (authentication instanceof TestingAuthenticationToken) ? Map.of(KIND, "testing", "name",
						authentication.getName()) : null;
			}

			@Override
			public @Nullable Authentication read(Map<String, @Nullable Object> document) {
				return "testing".equals(document.get(KIND))
						? new TestingAuthenticationToken(document.get("name"), null, "ROLE_TEST") : null;
			}

		};
		SecurityContextConverter converter = SecurityContextConverter.withStandardMappers(List.of(testing));
		Object read = readBack(converter, new SecurityContextImpl(new TestingAuthenticationToken("joker", "x")));
		assertThat(((SecurityContext) read).getAuthentication()).isInstanceOf(TestingAuthenticationToken.class)
			.extracting(Authentication::getName)
			.isEqualTo("joker");
	}

	@Test
	void documentNoMapperCanReadIsNoContext() {
		assertThat(this.contexts.read(Map.of("kind", "password", "name", 42))).isNull();
		assertThat(this.contexts.read(Map.of("kind", "unknown"))).isNull();
		assertThat(this.contexts.read(List.of("not", "a", "document"))).isNull();
		assertThat(this.contexts.read(Map.of("kind", "oidc", "registration", "x"))).isNull();
	}

	@Test
	void emptyContextStaysEmpty() {
		assertThat(((SecurityContext) readBack(this.contexts, new SecurityContextImpl())).getAuthentication()).isNull();
	}

	@Test
	void csrfTokenKeepsItsValueAndWhereItTravels() {
		Object read = readBack(new CsrfTokenConverter(), new DefaultCsrfToken("X-CSRF-Token", "_csrf", "t0k3n"));
		assertThat(read).isInstanceOfSatisfying(CsrfToken.class, (token) -> {
			assertThat(token.getHeaderName()).isEqualTo("X-CSRF-Token");
			assertThat(token.getParameterName()).isEqualTo("_csrf");
			assertThat(token.getToken()).isEqualTo("t0k3n");
		});
	}

	@Test
	void savedRequestKeepsWhereToGoBackButNotTheHeadersOrCookies() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
		request.setQueryString("tab=cases");
		request.setParameter("tab", "cases");
		request.addHeader("Cookie", "session=the-session-cookie");
		request.setCookies(new jakarta.servlet.http.Cookie("session", "the-session-cookie"));
		DefaultSavedRequest saved = new DefaultSavedRequest(request, "continue");

		Object read = readBack(new SavedRequestConverter(), saved);

		assertThat(read).isInstanceOfSatisfying(SavedRequest.class, (request2) -> {
			assertThat(request2.getRedirectUrl()).isEqualTo(saved.getRedirectUrl()).contains("/me?tab=cases&continue");
			assertThat(request2.getMethod()).isEqualTo("GET");
			assertThat(request2.getParameterValues("tab")).containsExactly("cases");
			assertThat(request2.getCookies()).isEmpty();
			assertThat(request2.getHeaderNames()).isEmpty();
		});
		assertThat(json(new SavedRequestConverter(), saved)).doesNotContain("the-session-cookie");
	}

	@Test
	void authenticationFailureKeepsItsKindAndMessage() {
		Object read = readBack(new AuthenticationFailureConverter(), new BadCredentialsException("Bad credentials"));
		assertThat(read).isInstanceOfSatisfying(BadCredentialsException.class,
				(failure) -> assertThat(failure).hasMessage("Bad credentials"));
	}

	@Test
	void oauth2AuthorizationRequestKeepsStateNonceAndCodeVerifier() {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:9000/oauth2/authorize")
			.clientId("keycard")
			.redirectUri("http://127.0.0.1:8080/login/oauth2/code/keycard")
			.scopes(Set.of("openid", "profile"))
			.state("st4te")
			.additionalParameters(Map.of("nonce", "hashed-nonce", "code_challenge", "ch4llenge",
					"code_challenge_method", "S256"))
			.attributes(Map.of("registration_id", "keycard", "nonce", "n0nce", "code_verifier", "v3rifier"))
			.build();

		Object read = readBack(new OAuth2AuthorizationRequestConverter(), request);

		assertThat(read).isInstanceOfSatisfying(OAuth2AuthorizationRequest.class, (request2) -> {
			assertThat(request2.getState()).isEqualTo("st4te");
			assertThat(request2.getClientId()).isEqualTo("keycard");
			assertThat(request2.getRedirectUri()).isEqualTo(request.getRedirectUri());
			assertThat(request2.getScopes()).containsExactlyInAnyOrder("openid", "profile");
			assertThat(request2.getAttributes()).isEqualTo(request.getAttributes());
			assertThat(request2.getAdditionalParameters()).isEqualTo(request.getAdditionalParameters());
			assertThat(request2.getAuthorizationRequestUri()).isEqualTo(request.getAuthorizationRequestUri());
		});
	}

	private Authentication readBack(Authentication authentication) {
		Object read = readBack(this.contexts, new SecurityContextImpl(authentication));
		assertThat(read).isInstanceOf(SecurityContext.class);
		Authentication readAuthentication = ((SecurityContext) read).getAuthentication();
		assertThat(readAuthentication).isNotNull();
		return readAuthentication;
	}

	private String json(Authentication authentication) {
		return json(this.contexts, new SecurityContextImpl(authentication));
	}

	/** Write, turn into JSON bytes and read them back, as the next request sees the value. */
	private static Object readBack(HttpSessionAttributeConverter converter, Object value) {
		assertThat(converter.canWrite(value)).isTrue();
		byte[] json = SERIALIZER.serialize(Map.of("value", converter.write(value)));
		Object read = converter.read(SERIALIZER.deserialize(json).get("value"));
		assertThat(read).isNotNull();
		return read;
	}

	private static String json(HttpSessionAttributeConverter converter, Object value) {
		return new String(SERIALIZER.serialize(Map.of("value", converter.write(value))), StandardCharsets.UTF_8);
	}

}
