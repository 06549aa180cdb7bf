package dev.keycard.sample;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.keycard.session.SessionManager;

/**
 * Checks the CSRF token of every state-changing request, whatever its handler.
 */
@Configuration(proxyBeanMethods = false)
class SampleWebMvcConfiguration implements WebMvcConfigurer {

	private final SessionManager sessionManager;

	SampleWebMvcConfiguration(SessionManager sessionManager) {
		this.sessionManager = sessionManager;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new CsrfInterceptor(this.sessionManager));
	}

}
