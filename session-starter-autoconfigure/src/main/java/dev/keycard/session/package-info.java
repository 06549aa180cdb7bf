/**
 * Keycard's public API: the {@link dev.keycard.session.Session} a controller receives and the
 * {@link dev.keycard.session.SessionManager} for explicit control.
 */
@NullMarked
package dev.keycard.session;

import org.jspecify.annotations.NullMarked;
