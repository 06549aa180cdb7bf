/**
 * Servlet integration: the filter, the commit-aware response wrapper, the argument resolver and the
 * cookie-backed {@link dev.keycard.session.SessionManager}.
 */
@NullMarked
package dev.keycard.session.web;

import org.jspecify.annotations.NullMarked;
