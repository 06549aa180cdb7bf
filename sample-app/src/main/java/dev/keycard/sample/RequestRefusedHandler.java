package dev.keycard.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Answers a request Spring Security refused (in this sample, a {@code POST} without its CSRF
 * token) with 403: the page that says so, in the officer's theme, for a browser; one line that
 * says what to send for any other client.
 */
final class RequestRefusedHandler implements AccessDeniedHandler {

	/** Where the page is rendered, by {@link RefusedPageController}. */
	static final String PAGE = "/refused";

	private final RequestMatcher browsers;

	RequestRefusedHandler(RequestMatcher browsers) {
		this.browsers = browsers;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
			throws IOException, ServletException {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		if (this.browsers.matches(request)) {
			request.setAttribute(WebAttributes.ACCESS_DENIED_403, refusal);
			request.getRequestDispatcher(PAGE).forward(request, response);
			return;
		}
		response.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8).toString());
		response.getWriter()
			.write("Forbidden: " + refusal.getMessage() + ". Read the token from GET /csrf and send it in the "
					+ SecurityConfiguration.CSRF_HEADER + " header or the " + SecurityConfiguration.CSRF_PARAMETER
					+ " form field.");
	}

}
