package dev.keycard.session.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;

import dev.keycard.session.UserSession;
import dev.keycard.session.UserSessions;
import dev.keycard.session.codec.KeyUsage;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionLifetime;
import dev.keycard.session.web.SessionStorage;

/**
 * The {@code keycard} actuator endpoint: how sessions are kept (store, mode, cookie attributes,
 * lifetime), the key ring (key ids, which one signs, the cookies accepted under each since
 * startup: the progress of a secret rotation) and the last cleanup run. Never a secret, a key or
 * a session's content: a key id is a public part of every token.
 *
 * <p>{@code /actuator/keycard/sessions/{principal}} lists a user's sessions as a device list
 * shows them (GET) and revokes them all (DELETE), on a server-side store; on the cookie store
 * there is nothing to list and it answers 404.
 */
@Endpoint(id = "keycard")
public final class KeycardEndpoint {

	private final SessionStorage storage;

	private final SessionCookie cookie;

	private final SessionLifetime lifetime;

	private final KeyUsage keyUsage;

	private final Supplier<@Nullable CleanupDescriptor> cleanup;

	private @Nullable UserSessions userSessions;

	/**
	 * Create the endpoint.
	 * @param storage where sessions are kept
	 * @param cookie the session cookie
	 * @param lifetime how long sessions live
	 * @param keyUsage the keys and the cookies accepted under each
	 * @param cleanup the cleanup of expired sessions, or {@code null} if the store needs none
	 */
	public KeycardEndpoint(SessionStorage storage, SessionCookie cookie, SessionLifetime lifetime, KeyUsage keyUsage,
			Supplier<@Nullable CleanupDescriptor> cleanup) {
		Assert.notNull(storage, "storage must not be null");
		Assert.notNull(cookie, "cookie must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		Assert.notNull(keyUsage, "keyUsage must not be null");
		Assert.notNull(cleanup, "cleanup must not be null");
		this.storage = storage;
		this.cookie = cookie;
		this.lifetime = lifetime;
		this.keyUsage = keyUsage;
		this.cleanup = cleanup;
	}

	/**
	 * Describe how sessions are kept.
	 * @return the description
	 */
	@ReadOperation
	public KeycardDescriptor keycard() {
		ResponseCookie template = this.cookie.getTemplate();
		CookieDescriptor cookie = new CookieDescriptor(template.getName(), template.getPath(), template.getDomain(),
				template.isSecure(), template.isHttpOnly(), template.getSameSite(), template.isPartitioned(),
				this.cookie.isBrowserSession());
		LifetimeDescriptor lifetime = new LifetimeDescriptor(this.lifetime.idleTimeout(),
				this.lifetime.absoluteTimeout(), this.lifetime.isRolling());
		List<KeyDescriptor> keys = new ArrayList<>();
		for (int i = 0; i < this.keyUsage.keyCount(); i++) {
			keys.add(new KeyDescriptor(KeyUsage.keyName(i), String.format("%08x", this.keyUsage.keyId(i)), i == 0,
					this.keyUsage.accepted(i)));
		}
		return new KeycardDescriptor(this.storage.store(), this.storage.mode(), this.storage.overflowStore(), cookie,
				lifetime, new KeyRingDescriptor(keys.size() - 1, keys), this.cleanup.get());
	}

	/**
	 * Give the endpoint the sessions of each user, for {@code sessions/{principal}}.
	 * @param userSessions the sessions of each user, or {@code null}
	 */
	public void setUserSessions(@Nullable UserSessions userSessions) {
		this.userSessions = userSessions;
	}

	/**
	 * List a user's sessions.
	 * @param segment {@code sessions}
	 * @param principal the user
	 * @return the sessions, or {@code null} (404) if the path is not {@code sessions/...} or
	 * sessions are not kept where they can be listed
	 */
	@ReadOperation
	public @Nullable UserSessionsDescriptor sessions(@Selector String segment, @Selector String principal) {
		UserSessions sessions = userSessionsFor(segment);
		return (sessions != null) ? new UserSessionsDescriptor(principal, sessions.list(principal, null)) : null;
	}

	/**
	 * Revoke every session of a user, as after a password change.
	 * @param segment {@code sessions}
	 * @param principal the user
	 * @return how many sessions were revoked, or {@code null} (404) as for {@link #sessions}
	 */
	@DeleteOperation
	public @Nullable RevokedDescriptor revokeSessions(@Selector String segment, @Selector String principal) {
		UserSessions sessions = userSessionsFor(segment);
		return (sessions != null) ? new RevokedDescriptor(principal, sessions.revokeAll(principal)) : null;
	}

	private @Nullable UserSessions userSessionsFor(String segment) {
		UserSessions sessions = this.userSessions;
		return ("sessions".equals(segment) && sessions != null && sessions.isAvailable()) ? sessions : null;
	}

	/**
	 * A user's sessions.
	 *
	 * @param principal the user
	 * @param sessions the sessions, newest first
	 */
	public record UserSessionsDescriptor(String principal, List<UserSession> sessions) implements OperationResponseBody {
	}

	/**
	 * What a revocation did.
	 *
	 * @param principal the user
	 * @param revoked how many sessions were revoked
	 */
	public record RevokedDescriptor(String principal, int revoked) implements OperationResponseBody {
	}

	/**
	 * How sessions are kept.
	 *
	 * @param store {@code cookie}, or the store's name
	 * @param mode {@code signed}, {@code encrypted}, or {@code signed-id} for a store
	 * @param overflowStore the store a cookie session moves to when it outgrows its cookie, or
	 * {@code null}
	 * @param cookie the session cookie's attributes
	 * @param lifetime how long sessions live
	 * @param keyRing the keys
	 * @param cleanup the cleanup of expired sessions, {@code null} if the store needs none
	 */
	public record KeycardDescriptor(String store, String mode, @Nullable String overflowStore, CookieDescriptor cookie,
			LifetimeDescriptor lifetime, KeyRingDescriptor keyRing,
			@Nullable CleanupDescriptor cleanup) implements OperationResponseBody {
	}

	/**
	 * The session cookie's attributes.
	 *
	 * @param name its name
	 * @param path its {@code Path}
	 * @param domain its {@code Domain}, or {@code null}
	 * @param secure whether it is {@code Secure}
	 * @param httpOnly whether it is {@code HttpOnly}
	 * @param sameSite its {@code SameSite}, or {@code null}
	 * @param partitioned whether it is {@code Partitioned}
	 * @param browserSession whether it has no {@code Max-Age}, lasting as long as the browser
	 */
	public record CookieDescriptor(String name, @Nullable String path, @Nullable String domain, boolean secure,
			boolean httpOnly, @Nullable String sameSite, boolean partitioned, boolean browserSession) {
	}

	/**
	 * How long sessions live.
	 *
	 * @param maxAge the idle lifetime
	 * @param absoluteTimeout the longest life whatever the activity, or {@code null}
	 * @param rolling whether activity extends a session
	 */
	public record LifetimeDescriptor(Duration maxAge, @Nullable Duration absoluteTimeout, boolean rolling) {
	}

	/**
	 * The key ring.
	 *
	 * @param previous how many previous secrets are accepted for reading
	 * @param keys every key, the current one first
	 */
	public record KeyRingDescriptor(int previous, List<KeyDescriptor> keys) {
	}

	/**
	 * One key of the key ring.
	 *
	 * @param name {@code current}, or {@code previous-N} for the N-th of {@code previous-secrets}
	 * @param id its public id, in hex, as every token it made carries it
	 * @param signs whether it makes new cookies
	 * @param accepted the session cookies accepted under it since startup
	 */
	public record KeyDescriptor(String name, String id, boolean signs, long accepted) {
	}

	/**
	 * The cleanup of expired sessions.
	 *
	 * @param store the store it cleans
	 * @param interval the time between two runs
	 * @param lastRun the last run, or {@code null} before the first
	 */
	public record CleanupDescriptor(String store, Duration interval, @Nullable CleanupRunDescriptor lastRun) {
	}

	/**
	 * One run of the cleanup.
	 *
	 * @param startedAt when it started
	 * @param deleted how many expired sessions it deleted
	 * @param took how long it took
	 * @param failure why it failed, or {@code null}
	 */
	public record CleanupRunDescriptor(Instant startedAt, int deleted, Duration took, @Nullable String failure) {
	}

}
