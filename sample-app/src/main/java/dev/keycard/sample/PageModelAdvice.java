package dev.keycard.sample;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.keycard.session.Session;

/**
 * What the layout of every page needs, read before the handler runs: the CSRF token for its
 * forms (Spring Security's, kept in the Keycard session), the theme for its {@code <body>} and
 * the signed-in officer.
 * Limited to the controllers that render pages, so that API routes such as
 * {@code GET /session} never get a token put in their session.
 */
@ControllerAdvice(assignableTypes = { DashboardController.class, CaseController.class })
class PageModelAdvice {

	/**
	 * Created here, before the page is rendered, rather than by the template: a page larger
	 * than the response buffer commits while it is written, too late to save the session.
	 */
	@ModelAttribute("csrfToken")
	String csrfToken(CsrfToken token) {
		return token.getToken();
	}

	@ModelAttribute("theme")
	String theme(Session session) {
		return Theme.of(session).cssClass();
	}

	@ModelAttribute(DashboardController.USER)
	@Nullable String user(HttpServletRequest request) {
		return Officers.signedIn(request);
	}

}
