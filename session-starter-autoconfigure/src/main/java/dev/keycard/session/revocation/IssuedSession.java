package dev.keycard.session.revocation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A signed-in cookie session as a revocation store records it, so that a user's devices can be
 * listed although the server keeps no session.
 *
 * @param id the session's id, a random value written in the cookie at sign-in
 * @param signedInAt when the user signed in on it
 * @param lastSeen when its cookie was last issued at sign-in or by a rolling refresh
 * @param expiresAt when it expires unless used
 * @param userAgent a short description of the browser, or {@code null}
 * @param ipAddress the client's address at sign-in, only when recorded on purpose
 */
public record IssuedSession(String id, Instant signedInAt, Instant lastSeen, Instant expiresAt,
		@Nullable String userAgent, @Nullable String ipAddress) {
}
