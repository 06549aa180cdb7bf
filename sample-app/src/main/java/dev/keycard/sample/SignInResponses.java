package dev.keycard.sample;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

/**
 * What sign-in and sign-out answer, as the dashboard did before Spring Security: {@code 303}
 * to the dashboard (or, after a sign-in that interrupted a request, back to it), with a flash
 * message that says what happened; {@code POST /logout} from an API client answers
 * {@code logged out}.
 */
final class SignInResponses {

	private final FlashMapManager flashMapManager;

	private final RequestMatcher browsers;

	private final DefaultRedirectStrategy seeOther = new DefaultRedirectStrategy();

	SignInResponses(FlashMapManager flashMapManager, RequestMatcher browsers) {
		this.flashMapManager = flashMapManager;
		this.browsers = browsers;
		this.seeOther.setStatusCode(HttpStatus.SEE_OTHER);
	}

	AuthenticationSuccessHandler signedIn() {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
		handler.setDefaultTargetUrl("/");
		handler.setRedirectStrategy(this.seeOther);
		return handler;
	}

	AuthenticationFailureHandler refused() {
		return (request, response, failure) -> {
			flash(request, response, "error", failure.getMessage());
			this.seeOther.sendRedirect(request, response, "/");
		};
	}

	LogoutSuccessHandler signedOut() {
		return (request, response, authentication) -> {
			if (this.browsers.matches(request)) {
				flash(request, response, "message", "Signed out");
				this.seeOther.sendRedirect(request, response, "/");
				return;
			}
			response.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8).toString());
			response.getWriter().write("logged out");
		};
	}

	private void flash(HttpServletRequest request, HttpServletResponse response, String name, String text) {
		FlashMap flash = new FlashMap();
		flash.put(name, text);
		flash.setTargetRequestPath("/");
		this.flashMapManager.saveOutputFlashMap(flash, request, response);
	}

}
