package dev.keycard.session.test;

import jakarta.servlet.ServletContext;

import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import dev.keycard.session.web.DeferredSessionManager;
import dev.keycard.session.web.SessionCookie;

/**
 * What the test support needs of an application: its session manager and its cookie.
 *
 * @param manager the session manager
 * @param cookie the session cookie
 */
record KeycardTestContext(DeferredSessionManager manager, SessionCookie cookie) {

	static KeycardTestContext of(ApplicationContext context) {
		DeferredSessionManager manager = context.getBeanProvider(DeferredSessionManager.class).getIfUnique();
		SessionCookie cookie = context.getBeanProvider(SessionCookie.class).getIfUnique();
		if (manager == null || cookie == null) {
			throw new IllegalStateException("The application context has no Keycard session manager: is Keycard's "
					+ "auto-configuration part of this test (a @WebMvcTest or @SpringBootTest of a web application)?");
		}
		return new KeycardTestContext(manager, cookie);
	}

	static KeycardTestContext of(ServletContext servletContext) {
		return of(WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext));
	}

}
