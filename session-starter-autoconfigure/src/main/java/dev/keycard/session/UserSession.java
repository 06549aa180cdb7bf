package dev.keycard.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One signed-in session of a user, as a device list shows it.
 *
 * @param id what names this session to {@link UserSessions#revoke(String, String)}: a prefix of
 * its store key, never its cookie
 * @param createdAt when the user signed in on it
 * @param lastSeen when the session was last written, at the granularity of the rolling refresh
 * (half of {@code max-age}): Keycard writes nothing just to record a visit
 * @param expiresAt when it expires unless used
 * @param userAgent a short description of the browser, such as "Chrome on Windows" (never
 * the header itself), or {@code null} if the client sent none
 * @param ipAddress the client's address at sign-in, only when
 * {@code app.session.devices.ip-address} is on (personal data), otherwise {@code null}
 * @param current whether it is the session of the request that asked
 */
public record UserSession(String id, Instant createdAt, Instant lastSeen, Instant expiresAt, @Nullable String userAgent,
		@Nullable String ipAddress, boolean current) {
}
