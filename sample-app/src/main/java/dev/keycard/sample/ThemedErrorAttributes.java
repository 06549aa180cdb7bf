package dev.keycard.sample;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

import dev.keycard.session.SessionManager;

/**
 * Boot's error attributes, plus the officer's theme, so that an error page (a 404, say) looks
 * like every other page. Boot's error controller is not one of the dashboard's, so
 * {@link PageModelAdvice} does not reach it.
 */
@Component
class ThemedErrorAttributes extends DefaultErrorAttributes {

	private final SessionManager sessionManager;

	ThemedErrorAttributes(SessionManager sessionManager) {
		this.sessionManager = sessionManager;
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
		HttpServletRequest request = (webRequest instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		// A 503 is the session store failing: asking it again would only double the wait.
		if (request != null && !Integer.valueOf(HttpStatus.SERVICE_UNAVAILABLE.value()).equals(attributes.get("status"))) {
			try {
				attributes.put("theme", Theme.of(this.sessionManager.load(request)).cssClass());
			}
			catch (RuntimeException ex) {
				// The error page is shown in the default theme rather than not at all.
			}
		}
		return attributes;
	}

}
