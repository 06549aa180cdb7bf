package dev.keycard.session.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;

import dev.keycard.session.UserSessions;
import dev.keycard.session.security.AuthenticationDocumentMapper;
import dev.keycard.session.security.AuthenticationFailureConverter;
import dev.keycard.session.security.ConcurrentSessionControlPostProcessor;
import dev.keycard.session.security.CsrfTokenConverter;
import dev.keycard.session.security.KeycardSessionRegistry;
import dev.keycard.session.security.OAuth2AuthorizationRequestConverter;
import dev.keycard.session.security.SavedRequestConverter;
import dev.keycard.session.security.SecurityContextConverter;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SignInLimit;

/**
 * Spring Security's session state in the Keycard session: its {@code HttpSession} repositories
 * (security context, CSRF token, saved request, OAuth2 authorization request) run unchanged on
 * Keycard's {@code HttpSession}, which keeps what they store as compact documents. Nothing in
 * the application's {@code SecurityFilterChain} changes, and its session settings keep their
 * meaning: with {@code STATELESS}, Spring Security stores nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ SecurityContext.class, HttpSessionSecurityContextRepository.class })
@EnableConfigurationProperties(SessionSecurityProperties.class)
class SpringSecuritySessionConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityContextConverter keycardSecurityContextConverter(ObjectProvider<AuthenticationDocumentMapper> mappers) {
		return SecurityContextConverter.withStandardMappers(mappers.orderedStream().toList());
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	CsrfTokenConverter keycardCsrfTokenConverter() {
		return new CsrfTokenConverter();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SavedRequestConverter keycardSavedRequestConverter() {
		return new SavedRequestConverter();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	AuthenticationFailureConverter keycardAuthenticationFailureConverter() {
		return new AuthenticationFailureConverter();
	}

	/** OAuth2 and OIDC login: state, nonce and PKCE verifier between the redirect and the return. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OAuth2AuthorizationRequest.class)
	static class OAuth2LoginConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		OAuth2AuthorizationRequestConverter keycardOAuth2AuthorizationRequestConverter() {
			return new OAuth2AuthorizationRequestConverter();
		}

	}

	/** Sign-out that also clears the site's cookies; Spring Security applies it to every chain. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpSecurity.class)
	@ConditionalOnBooleanProperty("app.session.security.clear-site-data")
	static class ClearSiteDataConfiguration {

		@Bean
		Customizer<LogoutConfigurer<HttpSecurity>> keycardClearSiteDataOnLogout() {
			return (logout) -> logout.addLogoutHandler(
					new HeaderWriterLogoutHandler(new ClearSiteDataHeaderWriter(ClearSiteDataHeaderWriter.Directive.COOKIES)));
		}

	}

	/**
	 * Spring Security's {@code maximumSessions(n)} on the principal index of a server-side store,
	 * exact under simultaneous sign-ins. Not on the cookie store, which keeps nothing to count,
	 * nor when Spring Security keeps its state in the container's {@code HttpSession}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConcurrentSessionControlAuthenticationStrategy.class)
	@ConditionalOnProperty(name = "app.session.http-session", havingValue = "keycard", matchIfMissing = true)
	@ConditionalOnBean({ SessionStore.class, DefaultSessionManager.class })
	@ConditionalOnMissingBean(SessionRegistry.class)
	static class SessionRegistryConfiguration {

		@Bean
		KeycardSessionRegistry keycardSessionRegistry(UserSessions userSessions, DefaultSessionManager sessionManager) {
			return new KeycardSessionRegistry(userSessions, new SignInLimit(sessionManager));
		}

		/** Static: a post-processor is created before the other beans, and needs none of them. */
		@Bean
		static ConcurrentSessionControlPostProcessor keycardConcurrentSessionControlPostProcessor() {
			return new ConcurrentSessionControlPostProcessor();
		}

	}

}
