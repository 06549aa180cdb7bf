package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long a session lives: the one owner of expiry. A session expires {@code maxAge} after its
 * last save, never later than {@code absoluteTimeout} after its creation, and an unchanged
 * session is saved again (a rolling refresh) once less than half of {@code maxAge} remains.
 * Times are whole seconds, as tokens and cookies carry them.
 */
public final class SessionLifetime {

	/** Idle lifetime the server enforces for browser-session cookies: no session lives forever. */
	public static final Duration BROWSER_SESSION_IDLE_TIMEOUT = Duration.ofDays(14);

	private final Duration maxAge;

	private final @Nullable Duration absoluteTimeout;

	private final boolean rolling;

	/**
	 * Create a lifetime.
	 * @param maxAge the idle lifetime, at least a second; negative for a browser-session cookie,
	 * which the server still expires after {@link #BROWSER_SESSION_IDLE_TIMEOUT} without a save
	 * @param absoluteTimeout the longest life since creation, or {@code null} for none
	 * @param rolling whether an unchanged session is refreshed once more than half of its idle
	 * lifetime has passed
	 */
	public SessionLifetime(Duration maxAge, @Nullable Duration absoluteTimeout, boolean rolling) {
		Assert.notNull(maxAge, "maxAge must not be null");
		Assert.isTrue(maxAge.isNegative() || maxAge.getSeconds() >= 1, "maxAge must be at least one second, or negative");
		Assert.isTrue(absoluteTimeout == null || absoluteTimeout.getSeconds() >= 1,
				"absoluteTimeout must be at least one second");
		this.maxAge = maxAge;
		this.absoluteTimeout = absoluteTimeout;
		this.rolling = rolling;
	}

	/**
	 * Return Keycard's default lifetime: 14 days idle, no absolute timeout, rolling.
	 * @return the default lifetime
	 */
	public static SessionLifetime defaults() {
		return new SessionLifetime(Duration.ofDays(14), null, true);
	}

	/**
	 * Return the idle lifetime the server enforces.
	 * @return {@code maxAge}, or {@link #BROWSER_SESSION_IDLE_TIMEOUT} for a browser-session
	 * cookie
	 */
	public Duration idleTimeout() {
		return isBrowserSession() ? BROWSER_SESSION_IDLE_TIMEOUT : this.maxAge;
	}

	/**
	 * Return the longest life of a session since its creation.
	 * @return the absolute timeout, or {@code null} for none
	 */
	public @Nullable Duration absoluteTimeout() {
		return this.absoluteTimeout;
	}

	/**
	 * Whether an unchanged session is refreshed once more than half of its idle lifetime has
	 * passed.
	 * @return whether sessions roll
	 */
	public boolean isRolling() {
		return this.rolling;
	}

	/**
	 * Whether the cookie lasts only as long as the browser session: it then carries no
	 * {@code Max-Age}.
	 * @return whether {@code maxAge} is negative
	 */
	public boolean isBrowserSession() {
		return this.maxAge.isNegative();
	}

	/**
	 * Return when a session saved now expires.
	 * @param createdAt when the session was created
	 * @param now the time of the save
	 * @return the expiry, in whole seconds
	 */
	public Instant expiryFor(Instant createdAt, Instant now) {
		Instant expiry = now.plus(idleTimeout());
		if (this.absoluteTimeout != null && createdAt.plus(this.absoluteTimeout).isBefore(expiry)) {
			expiry = createdAt.plus(this.absoluteTimeout);
		}
		return expiry.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Whether an unchanged session is due for a rolling refresh: less than half of the idle
	 * lifetime remains, and a save now would move the expiry (the absolute timeout may keep it
	 * where it is).
	 * @param createdAt when the session was created
	 * @param expiresAt when it expires
	 * @param now the current time
	 * @return whether it should be saved again
	 */
	public boolean isRefreshDue(Instant createdAt, Instant expiresAt, Instant now) {
		Duration remaining = Duration.between(now, expiresAt);
		return this.rolling && remaining.compareTo(idleTimeout().dividedBy(2)) < 0
				&& expiryFor(createdAt, now).isAfter(expiresAt);
	}

	@Override
	public String toString() {
		return "max-age " + (isBrowserSession() ? "browser session" : this.maxAge)
				+ ((this.absoluteTimeout != null) ? ", absolute-timeout " + this.absoluteTimeout : "")
				+ (this.rolling ? ", rolling" : "");
	}

}
