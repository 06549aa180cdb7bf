/**
 * The memory session store: one process, Caffeine.
 */
@NullMarked
package dev.keycard.session.store.memory;

import org.jspecify.annotations.NullMarked;
