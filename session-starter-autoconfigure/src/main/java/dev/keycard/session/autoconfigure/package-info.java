/**
 * Auto-configuration of Keycard sessions, bound from {@code app.session.*}.
 */
@NullMarked
package dev.keycard.session.autoconfigure;

import org.jspecify.annotations.NullMarked;
