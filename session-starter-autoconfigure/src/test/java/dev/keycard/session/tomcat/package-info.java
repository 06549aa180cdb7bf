/**
 * Tests of the commit path on a real Tomcat: every way a handler can finish, error pages,
 * and responses that commit before the session changes.
 */
@NullMarked
package dev.keycard.session.tomcat;

import org.jspecify.annotations.NullMarked;
