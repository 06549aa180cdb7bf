/**
 * Servlet integration: the filter that commits each request's session, the commit-aware
 * response wrapper, the argument resolver, the flash map manager and Keycard's
 * {@link dev.keycard.session.SessionManager}. For applications: {@link
 * dev.keycard.session.web.SessionCookieCustomizer}, and {@link
 * dev.keycard.session.web.DeferredSessionManager} for a session manager of their own. The other
 * public types are public for the auto-configuration and test support.
 */
@NullMarked
package dev.keycard.session.web;

import org.jspecify.annotations.NullMarked;
