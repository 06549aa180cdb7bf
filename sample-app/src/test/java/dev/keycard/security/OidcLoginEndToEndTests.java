package dev.keycard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A complete OIDC login, with PKCE, against a real authorization server (Spring Authorization
 * Server, started on a port of its own), by an application on Keycard that writes an ordinary
 * {@code oauth2Login()}: the authorization request (state, nonce, code verifier) waits in the
 * Keycard cookie between the redirect and the return, the signed-in user is rebuilt from the
 * Keycard cookie on later requests, and the application never sets a {@code JSESSIONID}.
 * The authorization server is another application, with sessions of its own.
 */
class OidcLoginEndToEndTests {

	private static final int SERVER_PORT = freePort();

	private static final int CLIENT_PORT = freePort();

	/** Different hosts, so that the two applications' cookies stay apart, as they would. */
	private static final String SERVER = "http://localhost:" + SERVER_PORT;

	private static final String CLIENT = "http://127.0.0.1:" + CLIENT_PORT;

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext client;

	@BeforeAll
	static void startTheServerThenTheClient() {
		String prefix = "spring.security.oauth2.authorizationserver.client.keycard.";
		server = new SpringApplicationBuilder(AuthorizationServer.class).properties(Map.of("server.port", SERVER_PORT,
				"spring.autoconfigure.exclude", "dev.keycard.session.autoconfigure.SessionAutoConfiguration",
				"spring.security.user.name", "bruce", "spring.security.user.password", "wayne",
				prefix + "registration.client-id", "keycard",
				prefix + "registration.client-authentication-methods", "none",
				prefix + "registration.authorization-grant-types", "authorization_code",
				prefix + "registration.redirect-uris", CLIENT + "/login/oauth2/code/keycard",
				prefix + "registration.scopes", "openid,profile", prefix + "require-proof-key", "true"))
			.run();
		String registration = "spring.security.oauth2.client.registration.keycard.";
		client = new SpringApplicationBuilder(ClientApplication.class).properties(Map.of("server.port", CLIENT_PORT,
				"app.session.secret", "oidc-client-test-Fq8Rw3Kx7Vm2Nb6Hz1Tj",
				registration + "client-id", "keycard", registration + "client-authentication-method", "none",
				registration + "authorization-grant-type", "authorization_code",
				registration + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}",
				registration + "scope", "openid,profile",
				"spring.security.oauth2.client.provider.keycard.issuer-uri", SERVER))
			.run();
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void officerSignsInThroughTheAuthorizationServerAndStaysSignedInOnTheKeycardCookie() {
		Client browser = new Client();
		HttpResponse<String> start = browser.get(CLIENT + "/private");
		assertThat(start.statusCode()).isEqualTo(302);
		HttpResponse<String> toServer = browser.get(Client.location(start));
		assertThat(toServer.statusCode()).isEqualTo(302);
		String authorize = Client.location(toServer);
		assertThat(authorize).startsWith(SERVER + "/oauth2/authorize").contains("code_challenge=", "nonce=", "state=");
		String waiting = new String(payload(browser.cookie(CLIENT, "session")), StandardCharsets.UTF_8);
		assertThat(waiting).as("the authorization request, kept in the Keycard cookie")
			.contains("spring-security-oauth2-authorization-request", "code_verifier", "nonce");

		HttpResponse<String> toLogin = browser.get(authorize);
		String loginPage = browser.get(Client.location(toLogin)).body();
		HttpResponse<String> signedIn = browser.post(SERVER + "/login",
				"username=bruce&password=wayne&_csrf=" + URLEncoder.encode(csrf(loginPage), StandardCharsets.UTF_8));
		HttpResponse<String> authorized = browser.get(Client.location(signedIn));
		assertThat(authorized.statusCode()).isEqualTo(302);
		String callback = Client.location(authorized);
		assertThat(callback).startsWith(CLIENT + "/login/oauth2/code/keycard?code=");

		HttpResponse<String> back = browser.get(callback);
		assertThat(back.statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.get(Client.location(back));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo("bruce via " + SERVER);
		assertThat(browser.get(CLIENT + "/private").body()).as("the next request, on the cookie alone")
			.isEqualTo("bruce via " + SERVER);

		String cookie = browser.cookie(CLIENT, "session");
		System.out.println("Keycard cookie after an OIDC login: " + ("session=" + cookie).length() + " bytes");
		assertThat(("session=" + cookie).length()).as("far below the 4096 bytes a browser keeps").isLessThan(2048);
		assertThat(browser.setCookiesFrom("127.0.0.1:" + CLIENT_PORT)).isNotEmpty()
			.allSatisfy((header) -> assertThat(header).doesNotStartWithIgnoringCase("JSESSIONID"));
		assertThat(browser.setCookiesFrom("localhost:" + SERVER_PORT))
			.anySatisfy((header) -> assertThat(header).startsWith("JSESSIONID"));
	}

	/** The JSON payload of a signed Keycard cookie: what the client can read of it. */
	private static byte[] payload(String cookie) {
		byte[] token = Base64.getUrlDecoder().decode(cookie);
		return Arrays.copyOfRange(token, 30, token.length - 32);
	}

	private static String csrf(String loginPage) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(loginPage);
		assertThat(matcher.find()).as("a CSRF token in the sign-in page: %s", loginPage).isTrue();
		return (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Spring Authorization Server as Boot configures it from properties, with its own sessions. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AuthorizationServer {

	}

	/** An application on Keycard with an ordinary OAuth2 login. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ClientApplication.PrivateController.class)
	static class ClientApplication {

		@Bean
		SecurityFilterChain oauth2Login(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2Login(Customizer.withDefaults())
				.build();
		}

		@RestController
		static class PrivateController {

			@GetMapping("/private")
			String signedIn(@AuthenticationPrincipal OidcUser user) {
				return user.getName() + " via " + user.getIssuer();
			}

		}

	}

}
