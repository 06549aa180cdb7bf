package dev.keycard.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's own login features beside Keycard, in an application with two ordinary
 * filter chains, as a new user writes them: form login with its defaults signs an officer in
 * and out on the Keycard session alone, HTTP Basic on a {@code STATELESS} API stores nothing,
 * and remember-me signs a returning officer in again from the remember-me cookie, into a
 * Keycard session. Keycard needs no line in either chain.
 */
class SecurityChainsEndToEndTests {

	private static ConfigurableApplicationContext application;

	private static String base;

	@BeforeAll
	static void start() {
		application = new SpringApplicationBuilder(ChainsApplication.class)
			.properties(Map.of("server.port", 0, "app.session.secret", "chains-test-secret-Lw5Pq9Xr2Mv7Hn3Kd8Tz",
					"app.session.security.clear-site-data", true, "server.forward-headers-strategy", "native"))
			.run();
		base = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void formLoginWithItsDefaultsSignsInAndOutOnTheKeycardSessionAlone() {
		Client client = new Client();
		HttpResponse<String> asked = client.get(base + "/me");
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(Client.location(asked)).isEqualTo(base + "/login");
		HttpResponse<String> signedIn = client.post(base + "/login",
				"username=gordon&password=gotham&_csrf=" + csrf(client.get(base + "/login").body()));
		assertThat(Client.location(signedIn)).as("back to the saved request").startsWith(base + "/me");
		assertThat(client.get(Client.location(signedIn)).body()).isEqualTo("gordon");
		assertThat(client.get(base + "/me").body()).as("the next request").isEqualTo("gordon");
		String signedInSession = client.cookie(base, "session");

		// As behind a TLS-terminating proxy: Spring Security clears site data on HTTPS only.
		HttpResponse<String> signedOut = client.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Forwarded-Proto", "https")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(client.get(base + "/logout").body()))));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().allValues("Clear-Site-Data")).containsExactly("\"cookies\"");
		assertThat(signedOut.headers().allValues("set-cookie"))
			.anySatisfy((header) -> assertThat(header).startsWith("session=").contains("Max-Age=0"));
		assertThat(client.get(base + "/me").statusCode()).as("signed out").isEqualTo(302);
		assertThat(client.setCookiesFrom("127.0.0.1:" + application.getEnvironment().getProperty("local.server.port")))
			.isNotEmpty()
			.noneSatisfy((header) -> assertThat(header).startsWithIgnoringCase("JSESSIONID"));
		assertThat(signedInSession).isNotNull();
	}

	@Test
	void httpBasicOnAStatelessChainStoresNothing() {
		Client client = new Client();
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("gordon:gotham".getBytes(StandardCharsets.UTF_8))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("gordon");
		assertThat(response.headers().allValues("set-cookie")).as("a stateless chain").isEmpty();
		assertThat(client.get(base + "/api/me").statusCode()).as("the next request, without credentials").isEqualTo(401);
	}

	@Test
	void rememberMeSignsAReturningOfficerInAgainIntoAKeycardSession() {
		Client client = new Client();
		String loginPage = client.get(base + "/login").body();
		HttpResponse<String> signedIn = client.post(base + "/login",
				"username=gordon&password=gotham&remember-me=on&_csrf=" + csrf(loginPage));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String rememberMe = client.cookie(base, "remember-me");
		assertThat(rememberMe).isNotNull();
		assertThat(client.cookie(base, "session")).isNotNull();

		Client returning = new Client();
		HttpResponse<String> back = returning.send(HttpRequest.newBuilder(URI.create(base + "/me"))
			.header("Cookie", "remember-me=" + rememberMe));
		assertThat(back.statusCode()).isEqualTo(200);
		assertThat(back.body()).isEqualTo("gordon remembered");
		assertThat(back.headers().allValues("set-cookie"))
			.anySatisfy((header) -> assertThat(header).startsWith("session="))
			.noneSatisfy((header) -> assertThat(header).startsWithIgnoringCase("JSESSIONID"));
		String session = returning.cookie(base, "session");
		HttpResponse<String> onTheSession = new Client().send(HttpRequest.newBuilder(URI.create(base + "/me"))
			.header("Cookie", "session=" + session));
		assertThat(onTheSession.body()).as("on the Keycard session alone").isEqualTo("gordon remembered");
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as("a CSRF token in %s", page).isTrue();
		return matcher.group(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ChainsApplication.Officers.class)
	static class ChainsApplication {

		@Bean
		@Order(1)
		SecurityFilterChain api(HttpSecurity http) {
			return http.securityMatcher("/api/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain web(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll()
				.anyRequest()
				.authenticated())
				.formLogin(Customizer.withDefaults())
				.rememberMe((rememberMe) -> rememberMe.key("chains-test-remember-me"))
				.build();
		}

		@Bean
		UserDetailsService officers() {
			return new InMemoryUserDetailsManager(User.withUsername("gordon").password("{noop}gotham").roles("OFFICER").build());
		}

		@RestController
		static class Officers {

			@GetMapping("/api/me")
			String api(Authentication authentication) {
				return authentication.getName();
			}

			@GetMapping("/me")
			String me(Authentication authentication) {
				return authentication.getName() + (authentication.getClass().getSimpleName().startsWith("RememberMe")
						? " remembered" : "");
			}

		}

	}

}
