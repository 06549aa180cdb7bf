/**
 * Test support shared by the test packages.
 */
@NullMarked
package dev.keycard.session.testsupport;

import org.jspecify.annotations.NullMarked;
