/**
 * The Gotham PD dashboard: a Spring MVC application whose pages keep their state in Keycard
 * sessions, protected against CSRF without a security framework.
 */
@NullMarked
package dev.keycard.sample;

import org.jspecify.annotations.NullMarked;
