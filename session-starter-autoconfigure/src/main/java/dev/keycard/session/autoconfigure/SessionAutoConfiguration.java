package dev.keycard.session.autoconfigure;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

import dev.keycard.session.SessionManager;
import dev.keycard.session.UserSessions;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.KeyUsage;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionJsonMapperCustomizer;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.DeferredSessionManager;
import dev.keycard.session.web.HttpSessionBridge;
import dev.keycard.session.web.KeycardFlashMapManager;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionCookieCustomizer;
import dev.keycard.session.web.SessionDevices;
import dev.keycard.session.web.SessionFilter;
import dev.keycard.session.web.SessionLifetime;
import dev.keycard.session.web.SessionWebMvcConfigurer;

/**
 * Auto-configuration of Keycard sessions for servlet web applications: a {@code Session}
 * parameter in any controller method, kept in a signed or encrypted cookie, or in a server-side
 * store behind a signed id, configured under {@code app.session}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, JsonMapper.class })
@EnableConfigurationProperties(SessionProperties.class)
@Import({ MemorySessionStoreConfiguration.class, FileSessionStoreConfiguration.class,
		RedisSessionStoreConfiguration.class, JdbcSessionStoreConfiguration.class, SessionRevocationConfiguration.class,
		SessionManagerConfiguration.class,
		SpringSecuritySessionConfiguration.class, HttpSessionBridgeConfiguration.class })
public final class SessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyRing sessionKeyRing(SessionProperties properties) {
		return SessionSecretValidator.keyRing(properties);
	}

	@Bean
	@ConditionalOnMissingBean(SessionSerializer.class)
	JsonSessionSerializer sessionSerializer(ObjectProvider<SessionJsonMapperCustomizer> customizers) {
		JsonMapper.Builder builder = JsonSessionSerializer.defaultMapperBuilder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new JsonSessionSerializer(builder.build());
	}

	/** Counts cookies accepted under each key, for metrics and the endpoint: the progress of a rotation. */
	@Bean
	@ConditionalOnMissingBean
	KeyUsage sessionKeyUsage(KeyRing keyRing) {
		return new KeyUsage(keyRing);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionIdCodec sessionIdCodec(KeyRing keyRing) {
		return new SessionIdCodec(keyRing);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionLifetime sessionLifetime(SessionProperties properties) {
		return SessionPropertyChecks.lifetime(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionCookie sessionCookie(SessionProperties properties, SessionLifetime lifetime,
			ObjectProvider<SessionCookieCustomizer> customizers) {
		return SessionPropertyChecks.cookie(properties, lifetime, customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnBean(SessionManager.class)
	@ConditionalOnMissingFilterBean(SessionFilter.class)
	FilterRegistrationBean<SessionFilter> sessionFilter(SessionManager sessionManager,
			ObjectProvider<HttpSessionBridge> httpSessionBridge) {
		if (!(sessionManager instanceof DeferredSessionManager deferred)) {
			throw new InvalidSessionConfigurationException("The application's SessionManager bean ("
					+ sessionManager.getClass().getName() + ") does not implement DeferredSessionManager, so "
					+ "Keycard's filter cannot save its sessions: every change would be lost",
					"Implement dev.keycard.session.web.DeferredSessionManager, for example by delegating to a "
							+ "DefaultSessionManager, or register a FilterRegistrationBean<SessionFilter> of your own.");
		}
		SessionFilter filter = new SessionFilter(deferred);
		filter.setHttpSessionBridge(httpSessionBridge.getIfAvailable());
		FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(SessionFilter.DEFAULT_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	/** The sessions of each signed-in user, listed and revoked; filed at sign-in through the HttpSession bridge. */
	@Bean
	@ConditionalOnBean(DefaultSessionManager.class)
	@ConditionalOnMissingBean(UserSessions.class)
	SessionDevices userSessions(DefaultSessionManager sessionManager, SessionProperties properties,
			ObjectProvider<HttpSessionBridge> httpSessionBridge) {
		SessionDevices devices = new SessionDevices(sessionManager, properties.getDevices().isIpAddress());
		httpSessionBridge.ifAvailable((bridge) -> bridge.setDevices(devices));
		return devices;
	}

	@Bean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	@ConditionalOnBean(SessionManager.class)
	@ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	KeycardFlashMapManager flashMapManager(SessionManager sessionManager, SessionCookie cookie) {
		return new KeycardFlashMapManager(sessionManager, cookie);
	}

	@Bean
	@ConditionalOnBean(SessionManager.class)
	@ConditionalOnMissingBean
	SessionWebMvcConfigurer sessionWebMvcConfigurer(SessionManager sessionManager) {
		return new SessionWebMvcConfigurer(sessionManager);
	}

}
