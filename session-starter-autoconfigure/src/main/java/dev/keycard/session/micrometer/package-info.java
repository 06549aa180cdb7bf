/**
 * Keycard on Micrometer: what sessions do as {@code keycard.session.*} meters, and each store
 * call as an observation.
 */
@NullMarked
package dev.keycard.session.micrometer;

import org.jspecify.annotations.NullMarked;
