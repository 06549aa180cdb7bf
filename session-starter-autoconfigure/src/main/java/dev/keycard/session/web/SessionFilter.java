package dev.keycard.session.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Commits the session of each request before its response commits and when the request ends.
 * It reads nothing itself: a request that never asks for its session passes through without
 * parsing or cryptography. Ordered before Spring Security's filter chain, so that security code
 * can use the session.
 *
 * <p>A request whose handler throws an exception that nothing handles saves nothing: a failed
 * request leaves the session as it was. A request whose session store cannot be reached is
 * answered with 503.
 *
 * <p>It runs on error dispatches too. An error page that follows a request that ended
 * normally ({@code sendError}, or an exception a resolver turned into a response) works on that
 * request's session: what it changes is saved with the rest, if the cookie can still be sent.
 * An error page that follows a failed request reads the session as it is stored, and what it
 * changes is saved; after a store outage it gets an empty session that is never saved.
 */
public final class SessionFilter extends OncePerRequestFilter {

	/**
	 * Default order: before Spring Security's filter chain ({@code -100}) and every filter
	 * that wraps the request.
	 */
	public static final int DEFAULT_ORDER = Integer.MIN_VALUE + 50;

	private final DeferredSessionManager sessionManager;

	private @Nullable HttpSessionBridge httpSessionBridge;

	/**
	 * Create a filter that commits the sessions of the given manager.
	 * @param sessionManager the session manager
	 */
	public SessionFilter(DeferredSessionManager sessionManager) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		this.sessionManager = sessionManager;
	}

	/**
	 * Make {@code request.getSession()} the Keycard session, so that the container never
	 * creates one; by default the container's sessions are left alone.
	 * @param httpSessionBridge the bridge, or {@code null} for the container's sessions
	 */
	public void setHttpSessionBridge(@Nullable HttpSessionBridge httpSessionBridge) {
		this.httpSessionBridge = httpSessionBridge;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		DeferredSession session = this.sessionManager.loadDeferred(request);
		SessionCommittingResponseWrapper wrapped = new SessionCommittingResponseWrapper(response,
				() -> session.commit(response));
		HttpSessionBridge bridge = this.httpSessionBridge;
		HttpServletRequest bridged = (bridge != null) ? bridge.wrap(request, session) : request;
		try {
			chain.doFilter(bridged, wrapped);
			if (!isAsyncStarted(request)) {
				// Also after an early commit: what changed since then is written if still possible.
				session.commit(response);
			}
		}
		catch (ServletException | IOException | RuntimeException | Error ex) {
			SessionStoreUnavailableException unavailable = SessionStoreUnavailableResolver.outageIn(ex);
			if (unavailable == null) {
				session.discard(ex);
				throw ex;
			}
			session.discard(unavailable);
			SessionStoreUnavailableResolver.respondUnavailable(response, unavailable);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
