/**
 * The {@link dev.keycard.session.store.SessionStore} SPI for server-side sessions, and one
 * subpackage per store Keycard provides.
 */
@NullMarked
package dev.keycard.session.store;

import org.jspecify.annotations.NullMarked;
