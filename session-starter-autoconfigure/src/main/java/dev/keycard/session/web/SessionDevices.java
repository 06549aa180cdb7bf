package dev.keycard.session.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import dev.keycard.session.Session;
import dev.keycard.session.UserSession;
import dev.keycard.session.UserSessions;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.internal.AttributeDocument;

/**
 * Keycard's {@link UserSessions}, on the principal index of a server-side store. A session
 * belongs to a principal through its {@value SessionStore#PRINCIPAL_ATTRIBUTE} attribute, and
 * describes its device in {@value #DEVICE_ATTRIBUTE}: a short summary of the user agent, and
 * the client's address only when asked for. Both are written when a user signs in, so listing
 * costs nothing on other requests.
 *
 * <p>On the cookie store there is nothing to list or revoke: sessions are not filed and
 * {@link #list}, {@link #revoke}, {@link #revokeOthers} and {@link #revokeAll} refuse with a
 * message that says so.
 */
public final class SessionDevices implements UserSessions {

	/** The attribute that describes a signed-in session's device. */
	public static final String DEVICE_ATTRIBUTE = "keycard.device";

	/** How many characters of a store key name a session: 132 bits, and never its cookie. */
	static final int ID_LENGTH = 22;

	private final DefaultSessionManager manager;

	private final @Nullable SessionStore store;

	private final boolean recordIpAddress;

	private final Clock clock;

	/**
	 * Create the devices of a session manager's sessions, in its store.
	 * @param manager the session manager
	 * @param recordIpAddress whether a session keeps the client's address at sign-in
	 */
	public SessionDevices(DefaultSessionManager manager, boolean recordIpAddress) {
		Assert.notNull(manager, "manager must not be null");
		SessionStore store = manager.store();
		this.manager = manager;
		this.store = (store != null && store.isIndexedByPrincipal()) ? store : null;
		this.recordIpAddress = recordIpAddress;
		this.clock = manager.clock();
	}

	@Override
	public boolean isAvailable() {
		return this.store != null;
	}

	@Override
	public void signIn(HttpServletRequest request, String principal) {
		Assert.hasText(principal, "principal must not be empty");
		Session session = this.manager.load(request);
		session.regenerate();
		bind(session, principal, request);
	}

	/**
	 * File a session under a principal, as a sign-in does, without giving it a new id (Spring
	 * Security's session fixation protection does that). Writes nothing on the cookie store,
	 * where a session is never listed, and nothing if the session already belongs to the
	 * principal.
	 * @param session the session
	 * @param principal the user's name
	 * @param request the request that signs the user in, for the device's description
	 */
	public void bind(Session session, String principal, HttpServletRequest request) {
		if (this.store == null || principal.equals(session.get(SessionStore.PRINCIPAL_ATTRIBUTE))) {
			return;
		}
		Map<String, @Nullable Object> device = new LinkedHashMap<>();
		device.put("userAgent", UserAgentSummary.of(request.getHeader("User-Agent")));
		if (this.recordIpAddress) {
			device.put("ipAddress", request.getRemoteAddr());
		}
		session.put(SessionStore.PRINCIPAL_ATTRIBUTE, principal);
		session.put(DEVICE_ATTRIBUTE, device);
	}

	/**
	 * Take a session out of its principal's sessions, as a sign-out that keeps the session
	 * does.
	 * @param session the session
	 */
	public void unbind(Session session) {
		if (session.containsKey(SessionStore.PRINCIPAL_ATTRIBUTE)) {
			session.remove(SessionStore.PRINCIPAL_ATTRIBUTE);
			session.remove(DEVICE_ATTRIBUTE);
		}
	}

	@Override
	public @Nullable String principalOf(HttpServletRequest request) {
		return this.manager.load(request).get(SessionStore.PRINCIPAL_ATTRIBUTE, String.class);
	}

	@Override
	public List<UserSession> list(String principal, @Nullable HttpServletRequest request) {
		SessionStore store = indexedStore();
		String currentKey = (request != null) ? this.manager.storeKeyOf(request) : null;
		Instant now = this.clock.instant();
		List<UserSession> sessions = new ArrayList<>();
		store.findByPrincipal(principal)
			.forEach((key, record) -> sessions.add(describe(key, record, key.equals(currentKey), now)));
		sessions.sort(Comparator.comparing(UserSession::createdAt).reversed());
		return sessions;
	}

	@Override
	public boolean revoke(String principal, String id) {
		SessionStore store = indexedStore();
		for (String key : store.findByPrincipal(principal).keySet()) {
			if (idOf(key).equals(id)) {
				store.delete(key);
				return true;
			}
		}
		return false;
	}

	@Override
	public int revokeOthers(HttpServletRequest request) {
		SessionStore store = indexedStore();
		String principal = principalOf(request);
		if (principal == null) {
			return 0;
		}
		String currentKey = this.manager.storeKeyOf(request);
		int revoked = 0;
		for (String key : store.findByPrincipal(principal).keySet()) {
			if (!key.equals(currentKey)) {
				store.delete(key);
				revoked++;
			}
		}
		return revoked;
	}

	@Override
	public int revokeAll(String principal) {
		SessionStore store = indexedStore();
		int revoked = 0;
		for (String key : store.findByPrincipal(principal).keySet()) {
			store.delete(key);
			revoked++;
		}
		return revoked;
	}

	private UserSession describe(String key, SessionRecord record, boolean current, Instant now) {
		// Every write sets the expiry one idle timeout ahead: the last write is that much before it.
		Instant lastWritten = record.expiresAt().minus(this.manager.getLifetime().idleTimeout());
		Instant lastSeen = lastWritten.isBefore(record.createdAt()) ? record.createdAt()
				: (lastWritten.isAfter(now) ? now : lastWritten);
		JsonNode device = readDevice(record.attributes().get(DEVICE_ATTRIBUTE));
		return new UserSession(idOf(key), record.createdAt(), lastSeen, record.expiresAt(), text(device, "userAgent"),
				text(device, "ipAddress"), current);
	}

	private static @Nullable JsonNode readDevice(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			return AttributeDocument.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode device, String field) {
		JsonNode value = (device != null) ? device.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static String idOf(String key) {
		return key.substring(0, Math.min(ID_LENGTH, key.length()));
	}

	private SessionStore indexedStore() {
		SessionStore store = this.store;
		if (store == null) {
			throw new UnsupportedOperationException(
					"Sessions on the cookie store cannot be listed or revoked: the server keeps nothing of them. Use a "
							+ "server-side store (app.session.store: memory, file, redis or jdbc) to list and revoke a "
							+ "user's sessions.");
		}
		return store;
	}

}
