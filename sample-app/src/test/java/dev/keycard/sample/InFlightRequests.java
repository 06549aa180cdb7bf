package dev.keycard.sample;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the requests being served, outermost of all filters: on platform threads that is the
 * number of busy request threads, and on virtual threads, which Tomcat does not count, the same
 * thing. Added to the sample application by the load tests.
 */
@Configuration(proxyBeanMethods = false)
class InFlightRequests {

	private final AtomicInteger inFlight = new AtomicInteger();

	int count() {
		return this.inFlight.get();
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> inFlightRequestsFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						InFlightRequests.this.inFlight.incrementAndGet();
						try {
							chain.doFilter(request, response);
						}
						finally {
							InFlightRequests.this.inFlight.decrementAndGet();
						}
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
