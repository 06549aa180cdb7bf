/**
 * The Redis session store: one hash per session, changed by one script per request.
 */
@NullMarked
package dev.keycard.session.store.redis;

import org.jspecify.annotations.NullMarked;
