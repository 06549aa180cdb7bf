package dev.keycard.sample;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.FlashMapManager;

/**
 * The dashboard's Spring Security, as any application writes it: form login on the dashboard's
 * own form, sign-out, CSRF on every {@code POST}, {@code /me} for signed-in officers only.
 * Nothing in it is Keycard's: Spring Security keeps its state in the {@code HttpSession}, which
 * Keycard makes the Keycard session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Header that carries the CSRF token for API clients. */
	static final String CSRF_HEADER = "X-CSRF-Token";

	/** Form field that carries the CSRF token in every form, Spring Security's default. */
	static final String CSRF_PARAMETER = "_csrf";

	@Bean
	SecurityFilterChain dashboardSecurity(HttpSecurity http, FlashMapManager flashMapManager) {
		HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
		csrfTokens.setHeaderName(CSRF_HEADER);
		RequestMatcher browsers = browsers();
		// Only browsers come back after sign-in; an API client's request is not worth a session.
		HttpSessionRequestCache interruptedRequests = new HttpSessionRequestCache();
		interruptedRequests.setRequestMatcher(browsers);
		SignInResponses responses = new SignInResponses(flashMapManager, browsers);
		// Revoking an officer's sessions through the actuator takes a signed-in officer, and its CSRF token.
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/me", "/devices", "/devices/**")
			.authenticated()
			.requestMatchers(HttpMethod.DELETE, "/actuator/**")
			.authenticated()
			.anyRequest()
			.permitAll())
			.formLogin((login) -> login.loginPage("/")
				.loginProcessingUrl("/login")
				.successHandler(responses.signedIn())
				.failureHandler(responses.refused()))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessHandler(responses.signedOut()))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.requestCache((cache) -> cache.requestCache(interruptedRequests))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/"), browsers)
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(new RequestRefusedHandler(browsers)));
		return http.build();
	}

	@Bean
	OfficerAuthenticationProvider officerAuthenticationProvider() {
		return new OfficerAuthenticationProvider();
	}

	/** Browsers ask for HTML first; curl and scripts accept anything, and get text or JSON. */
	static RequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

}
