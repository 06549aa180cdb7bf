package dev.keycard.session.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Saves the session of each request before its response commits. It reads nothing itself:
 * a request that never asks for its session passes through without parsing or cryptography.
 * Ordered before Spring Security's filter chain, so that security code can use the session.
 *
 * <p>A request whose handler throws an exception is not saved: a failed request leaves the
 * session as it was. A request whose session store cannot be reached is answered with 503.
 */
public final class SessionFilter extends OncePerRequestFilter {

	/**
	 * Default order: before Spring Security's filter chain ({@code -100}) and every filter
	 * that wraps the request.
	 */
	public static final int DEFAULT_ORDER = Integer.MIN_VALUE + 50;

	private final DefaultSessionManager sessionManager;

	/**
	 * Create a filter that saves sessions with the given manager.
	 * @param sessionManager the session manager
	 */
	public SessionFilter(DefaultSessionManager sessionManager) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		this.sessionManager = sessionManager;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionCommittingResponseWrapper wrapped = new SessionCommittingResponseWrapper(response,
				() -> this.sessionManager.saveIfLoaded(request, response));
		try {
			chain.doFilter(request, wrapped);
			if (!isAsyncStarted(request)) {
				// Also after an early save: changes made since then are written if still possible.
				this.sessionManager.saveIfLoaded(request, response);
			}
		}
		catch (SessionStoreUnavailableException ex) {
			SessionStoreUnavailableResolver.respondUnavailable(response, ex);
		}
		catch (ServletException ex) {
			if (!(ex.getCause() instanceof SessionStoreUnavailableException unavailable)) {
				throw ex;
			}
			SessionStoreUnavailableResolver.respondUnavailable(response, unavailable);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

}
