/**
 * Keycard in tests: a MockMvc request with a given session
 * ({@link dev.keycard.session.test.SessionRequestPostProcessors#session}), AssertJ assertions
 * on what a response did to its session ({@link dev.keycard.session.test.SessionAssert}),
 * session cookies made and read back in end-to-end tests
 * ({@link dev.keycard.session.test.SessionCookies}), and a random secret for tests that set
 * none.
 */
@NullMarked
package dev.keycard.session.test;

import org.jspecify.annotations.NullMarked;
