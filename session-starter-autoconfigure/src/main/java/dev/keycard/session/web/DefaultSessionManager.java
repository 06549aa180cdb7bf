package dev.keycard.session.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;
import dev.keycard.session.SessionTooLargeException;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * The {@link SessionManager} of Keycard: keeps each session in its cookie, as a token from a
 * {@link SessionCodec}, or in a {@link SessionStore} behind a signed id. Reading is lazy and
 * forgiving: a request that never asks for its session costs nothing, and a tampered, expired
 * or garbled cookie gives a new, empty session. Writing happens only when something must be
 * written. A store that cannot be reached fails the request with
 * {@link SessionStoreUnavailableException}, never with an empty session.
 */
public final class DefaultSessionManager implements SessionManager {

	/** Largest {@code Set-Cookie} header written: browsers keep 4096 bytes per cookie. */
	public static final int MAX_SET_COOKIE_LENGTH = 4096;

	static final String SESSION_ATTRIBUTE = DefaultSessionManager.class.getName() + ".SESSION";

	/** Duplicate cookies of one name (other paths or domains) tried before giving up. */
	private static final int MAX_COOKIES_TRIED = 4;

	private static final int LARGEST_KEYS_REPORTED = 3;

	private static final Log logger = LogFactory.getLog(DefaultSessionManager.class);

	private final SessionPersistence persistence;

	private final SessionSerializer serializer;

	private final SessionCookieSettings settings;

	private final SessionCookieHeader cookieHeader;

	private final long refreshThresholdMillis;

	private Clock clock = Clock.systemUTC();

	/**
	 * Create a manager that keeps each session in its cookie.
	 * @param codec turns session tokens into cookie values and back
	 * @param serializer turns session values into bytes and back
	 * @param settings the cookie and lifetime settings
	 */
	public DefaultSessionManager(SessionCodec codec, SessionSerializer serializer, SessionCookieSettings settings) {
		this(new CookieSessionPersistence(nonNull(codec, "codec"), nonNull(serializer, "serializer"),
				nonNull(settings, "settings").name()), serializer, settings);
	}

	/**
	 * Create a manager that keeps sessions in a store, behind a signed id in the cookie.
	 * @param store the store
	 * @param idCodec signs session ids and hashes them into store keys
	 * @param serializer turns session values into JSON and back
	 * @param settings the cookie and lifetime settings
	 */
	public DefaultSessionManager(SessionStore store, SessionIdCodec idCodec, SessionSerializer serializer,
			SessionCookieSettings settings) {
		this(new StoreSessionPersistence(nonNull(store, "store"), nonNull(idCodec, "idCodec"),
				nonNull(serializer, "serializer"), nonNull(settings, "settings").name()), serializer, settings);
	}

	private DefaultSessionManager(SessionPersistence persistence, SessionSerializer serializer,
			SessionCookieSettings settings) {
		this.persistence = persistence;
		this.serializer = serializer;
		this.settings = settings;
		this.cookieHeader = new SessionCookieHeader(settings);
		this.refreshThresholdMillis = settings.idleTimeout().toMillis() / 2;
	}

	private static <T> T nonNull(T value, String name) {
		Assert.notNull(value, () -> name + " must not be null");
		return value;
	}

	/**
	 * Set the clock that tells the time, for expiry; the system clock by default.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	@Override
	public Session load(HttpServletRequest request) {
		Assert.notNull(request, "request must not be null");
		if (request.getAttribute(SESSION_ATTRIBUTE) instanceof TrackedSession session) {
			return session;
		}
		TrackedSession session = read(request);
		request.setAttribute(SESSION_ATTRIBUTE, session);
		return session;
	}

	@Override
	public void save(Session session, HttpServletResponse response) {
		Assert.notNull(response, "response must not be null");
		if (!(session instanceof TrackedSession tracked)) {
			throw new IllegalArgumentException("Only a session returned by load(request) can be saved");
		}
		write(tracked, response, true);
	}

	/**
	 * Save the session of a request if it was loaded; called by {@link SessionFilter} before
	 * the response commits and when the request ends.
	 */
	void saveIfLoaded(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(SESSION_ATTRIBUTE) instanceof TrackedSession session && !session.hasSaveFailed()) {
			try {
				write(session, response, false);
			}
			catch (RuntimeException ex) {
				// Reported once, to whatever handles it; the end of the request must not throw it again.
				session.markSaveFailed();
				throw ex;
			}
		}
	}

	private TrackedSession read(HttpServletRequest request) {
		Instant now = this.clock.instant();
		Cookie[] cookies = RequestCookies.of(request);
		if (cookies != null) {
			int tried = 0;
			for (Cookie cookie : cookies) {
				if (this.settings.name().equals(cookie.getName()) && tried++ < MAX_COOKIES_TRIED) {
					TrackedSession session = restore(cookie.getValue(), now);
					if (session != null) {
						return session;
					}
				}
			}
		}
		return TrackedSession.create(this.serializer, this.clock, expiryFor(now, now));
	}

	private @Nullable TrackedSession restore(String value, Instant now) {
		// Bad input gives null; a store that fails throws, so that no empty session replaces its data.
		TrackedSession session = this.persistence.read(value, this.clock);
		if (session == null) {
			logIgnored(value, "not a valid, unexpired session issued for this cookie");
			return null;
		}
		if (isRefreshDue(session, now)) {
			session.requireReissue();
		}
		return session;
	}

	/**
	 * A rolling refresh is due once less than half of the idle lifetime remains, unless the
	 * absolute timeout keeps the expiry from moving.
	 */
	private boolean isRefreshDue(TrackedSession session, Instant now) {
		long remainingMillis = session.getExpiryTime().toEpochMilli() - now.toEpochMilli();
		return this.settings.rolling() && remainingMillis < this.refreshThresholdMillis
				&& expiryFor(session.getCreationTime(), now).isAfter(session.getExpiryTime());
	}

	/** Never logs the value itself: it is someone's session. */
	private void logIgnored(String value, @Nullable String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Ignored session cookie '" + this.settings.name() + "' of " + value.length()
					+ " characters, the client gets a new session: " + reason);
		}
	}

	private void write(TrackedSession session, HttpServletResponse response, boolean explicit) {
		boolean changed = this.persistence.hasChanges(session);
		if (!changed && !session.identityChanged() && !session.isReissueRequired()) {
			return;
		}
		if (session.isEmpty()) {
			this.persistence.remove(session);
			if (!session.clientHasSession()) {
				session.markRemoved();
			}
			else if (isWritable(response, explicit)) {
				addCookie(session, response, this.cookieHeader.expire());
				session.markRemoved();
			}
			return;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = expiryFor(session.getCreationTime(), now);
		String value = this.persistence.save(session, now, expiresAt);
		if (value != null) {
			String header = this.cookieHeader.issue(value, now, expiresAt);
			if (header.length() > MAX_SET_COOKIE_LENGTH) {
				throw tooLarge(session, header.length());
			}
			if (!isWritable(response, explicit)) {
				return;
			}
			addCookie(session, response, header);
		}
		this.persistence.saved(session, expiresAt);
	}

	private Instant expiryFor(Instant createdAt, Instant now) {
		Instant expiry = now.plus(this.settings.idleTimeout());
		Duration absoluteTimeout = this.settings.absoluteTimeout();
		if (absoluteTimeout != null && createdAt.plus(absoluteTimeout).isBefore(expiry)) {
			expiry = createdAt.plus(absoluteTimeout);
		}
		return expiry.truncatedTo(ChronoUnit.SECONDS);
	}

	private boolean isWritable(HttpServletResponse response, boolean explicit) {
		if (!response.isCommitted()) {
			return true;
		}
		String problem = "the session changed, but the response was already committed, so its cookie cannot be sent";
		if (explicit) {
			throw new IllegalStateException("Cannot save: " + problem + ". Save the session before writing the body.");
		}
		logger.warn("Session not saved: " + problem + ". Change the session before writing the response body.");
		return false;
	}

	/**
	 * Add the cookie, replacing one this manager added earlier in the same response, and make
	 * sure no shared cache stores a response that carries a session.
	 */
	private void addCookie(TrackedSession session, HttpServletResponse response, String header) {
		if (session.markCookieSent()) {
			String ownPrefix = this.settings.name() + "=";
			List<String> others = new ArrayList<>();
			for (String existing : response.getHeaders(HttpHeaders.SET_COOKIE)) {
				if (!existing.startsWith(ownPrefix)) {
					others.add(existing);
				}
			}
			response.setHeader(HttpHeaders.SET_COOKIE, header);
			others.forEach((other) -> response.addHeader(HttpHeaders.SET_COOKIE, other));
		}
		else {
			response.addHeader(HttpHeaders.SET_COOKIE, header);
		}
		PrivateResponse.mark(response);
	}

	private SessionTooLargeException tooLarge(TrackedSession session, int size) {
		List<Map.Entry<String, Integer>> sizes = new ArrayList<>();
		session.contents()
			.forEach((key, value) -> sizes.add(Map.entry(key, key.length() + this.serializer.sizeOf(value))));
		sizes.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
		List<String> largest = sizes.stream()
			.limit(LARGEST_KEYS_REPORTED)
			.map((entry) -> "'" + entry.getKey() + "' (" + entry.getValue() + " bytes)")
			.toList();
		return new SessionTooLargeException(size, MAX_SET_COOKIE_LENGTH, largest);
	}

}
