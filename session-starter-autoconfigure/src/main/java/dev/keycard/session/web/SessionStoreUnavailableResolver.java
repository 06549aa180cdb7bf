package dev.keycard.session.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Answers 503 Service Unavailable when a handler, or the session it needs, cannot reach the
 * session store, and logs why once, without a stack trace for every request of an outage.
 */
final class SessionStoreUnavailableResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(SessionStoreUnavailableResolver.class);

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		SessionStoreUnavailableException unavailable = outageIn(ex);
		if (unavailable == null) {
			return null;
		}
		respondUnavailable(response, unavailable);
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Return the store outage behind a failure, however it was wrapped: what the session commit
	 * throws in the middle of a body reaches us inside the writer's own exception (Jackson's, for a
	 * body larger than the response buffer), and inside a {@code ServletException} past a servlet.
	 * @param failure the failure
	 * @return the outage, or {@code null} if the store was not the cause
	 */
	static @Nullable SessionStoreUnavailableException outageIn(@Nullable Throwable failure) {
		Throwable cause = failure;
		// Bounded: a chain of causes may loop.
		for (int depth = 0; cause != null && depth < 16; depth++) {
			if (cause instanceof SessionStoreUnavailableException unavailable) {
				return unavailable;
			}
			cause = cause.getCause();
		}
		return null;
	}

	static void respondUnavailable(HttpServletResponse response, SessionStoreUnavailableException ex) {
		logger.error("Answering 503 Service Unavailable: " + ex.getMessage()
				+ ((ex.getCause() != null) ? " (" + ex.getCause().getMessage() + ")" : ""));
		if (response.isCommitted()) {
			return;
		}
		try {
			response.reset();
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Session store unavailable");
		}
		catch (IOException | IllegalStateException sendFailure) {
			logger.debug("Could not send 503 after a session store failure", sendFailure);
		}
	}

}
