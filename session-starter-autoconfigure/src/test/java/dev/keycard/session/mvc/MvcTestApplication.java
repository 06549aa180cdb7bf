package dev.keycard.session.mvc;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.keycard.session.SessionManager;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.testsupport.MutableClock;

/**
 * The application of the {@code @WebMvcTest} slice tests: a controller, an interceptor that
 * writes before and after the handler, a movable clock, and a codec that counts its work.
 */
@SpringBootConfiguration
@Import(SessionTestController.class)
class MvcTestApplication {

	static final int SECURITY_FILTER_ORDER = -100;

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Bean
	MutableClock clock() {
		return new MutableClock(START);
	}

	@Bean
	CountingCodec sessionCodec(KeyRing keyRing) {
		return new CountingCodec(new SignedSessionCodec(keyRing));
	}

	/** Stands where Spring Security's filter chain stands: order -100. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> securityOrderFilter(SessionManager sessionManager) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				chain.doFilter(request, response);
				// Written on the way out, as Spring Security saves its context: only a session
				// filter that wraps this one still saves it.
				if (request.getRequestURI().equals("/none")) {
					sessionManager.load(request).put("securityFilter", "ran");
				}
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(SECURITY_FILTER_ORDER);
		return registration;
	}

	@Bean
	WebMvcConfigurer interceptors(SessionManager sessionManager) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new BeforeAndAfterInterceptor(sessionManager)).addPathPatterns("/intercepted");
			}

		};
	}

	/** Robyn's before and after middleware: both see the object the handler receives. */
	static final class BeforeAndAfterInterceptor implements HandlerInterceptor {

		private final SessionManager sessionManager;

		BeforeAndAfterInterceptor(SessionManager sessionManager) {
			this.sessionManager = sessionManager;
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			this.sessionManager.load(request).put("before", "interceptor");
			return true;
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable Exception ex) {
			this.sessionManager.load(request).put("after", "interceptor");
		}

	}

	/** Counts decodes and encodes, to prove that untouched requests do no cryptography. */
	static final class CountingCodec implements SessionCodec {

		final AtomicInteger decodes = new AtomicInteger();

		final AtomicInteger encodes = new AtomicInteger();

		private final SessionCodec delegate;

		CountingCodec(SessionCodec delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encode(String cookieName, SessionToken token) {
			this.encodes.incrementAndGet();
			return this.delegate.encode(cookieName, token);
		}

		@Override
		public @Nullable SessionToken decode(String cookieName, String value, Instant now) {
			this.decodes.incrementAndGet();
			return this.delegate.decode(cookieName, value, now);
		}

	}


}
