package dev.keycard.sample;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import dev.keycard.session.Session;

/**
 * The page of a request Spring Security refused, which {@link RequestRefusedHandler} forwards to.
 */
@Controller
class RefusedPageController {

	@RequestMapping(RequestRefusedHandler.PAGE)
	ModelAndView refused(HttpServletRequest request, Session session) {
		ModelAndView page = new ModelAndView("csrf-rejected", HttpStatus.FORBIDDEN);
		Object refusal = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
		page.addObject("reason", (refusal instanceof Exception ex) ? ex.getMessage() : "The request was refused");
		page.addObject("theme", Theme.of(session).cssClass());
		page.addObject(DashboardController.USER, Officers.signedIn(request));
		return page;
	}

}
