/**
 * Spring Security on Keycard in applications of their own (not the sample's), outside the
 * sample's package so that the sample's component scan never finds them: several filter chains,
 * HTTP Basic, remember-me, and an OIDC login against a real authorization server.
 */
@NullMarked
package dev.keycard.security;

import org.jspecify.annotations.NullMarked;
