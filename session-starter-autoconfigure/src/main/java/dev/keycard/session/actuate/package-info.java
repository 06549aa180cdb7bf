/**
 * Keycard on Spring Boot's actuator: the session store's health, and the {@code keycard}
 * endpoint.
 */
@NullMarked
package dev.keycard.session.actuate;

import org.jspecify.annotations.NullMarked;
