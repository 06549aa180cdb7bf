/**
 * Code Keycard's own stores share. Not API: it may change in any release without notice;
 * a store of your own should not depend on it.
 */
@NullMarked
package dev.keycard.session.store.internal;

import org.jspecify.annotations.NullMarked;
