package dev.keycard.session.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads the cookies of a request as bad client input should be read: a {@code Cookie} header
 * the container refuses counts as no cookies, not as an error. Tomcat refuses one of more than
 * {@code maxCookieCount} (200) cookies with an {@link IllegalArgumentException} from
 * {@link HttpServletRequest#getCookies()} when nothing parsed them before the application (no
 * HTTP session tracking by cookie).
 */
final class RequestCookies {

	private static final Log logger = LogFactory.getLog(RequestCookies.class);

	private RequestCookies() {
	}

	/**
	 * Return the cookies of a request.
	 * @param request the request
	 * @return its cookies, or {@code null} if it has none or the container refused them
	 */
	static Cookie @Nullable [] of(HttpServletRequest request) {
		try {
			return request.getCookies();
		}
		catch (IllegalArgumentException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored the Cookie header, which the container refused: " + ex.getMessage());
			}
			return null;
		}
	}

}
