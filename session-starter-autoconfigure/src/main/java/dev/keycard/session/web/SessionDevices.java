package dev.keycard.session.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.RevocationList;
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
 * <p>On the cookie store, sessions are revoked through a revocation store
 * ({@code app.session.revocation.store}): a signed-in cookie then also carries a random id and
 * the time of its sign-in, and each instance refuses the cookies its {@link RevocationList}
 * revokes. They are listed when the revocation store records them. Without a revocation store,
 * {@link #list}, {@link #revoke}, {@link #revokeOthers} and {@link #revokeAll} refuse with a
 * message that says what to set.
 */
public final class SessionDevices implements UserSessions {

	/** The attribute that describes a signed-in session's device. */
	public static final String DEVICE_ATTRIBUTE = "keycard.device";

	/**
	 * The field of the device that tells when the user signed in, in epoch microseconds: fine
	 * enough that sign-ins one after another never tie. Sign-in renews a session's id, not its
	 * creation time, which may be long before (when the sign-in page was first shown).
	 */
	static final String SIGNED_IN_AT = "signedInAt";

	/** How many characters of a store key name a session: 132 bits, and never its cookie. */
	static final int ID_LENGTH = 22;

	private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final DefaultSessionManager manager;

	private final @Nullable SessionStore store;

	private final @Nullable RevocableCookiePersistence cookies;

	private final boolean recordIpAddress;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

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
		this.cookies = manager.revocableCookies();
		this.recordIpAddress = recordIpAddress;
		this.clock = manager.clock();
	}

	@Override
	public boolean isAvailable() {
		return this.store != null || this.cookies != null;
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
	 * Security's session fixation protection does that), and stamp it with the time of the
	 * sign-in: what {@link UserSession#createdAt()}, revocations of cookie sessions and
	 * {@link SignInLimit} go by. A session signed in again as the same principal keeps its
	 * device and gets a new stamp. Writes nothing on the cookie store without a revocation
	 * store, where a session can be neither listed nor revoked.
	 * @param session the session
	 * @param principal the user's name
	 * @param request the request that signs the user in, for the device's description
	 */
	public void bind(Session session, String principal, HttpServletRequest request) {
		if (!isAvailable()) {
			return;
		}
		Map<String, @Nullable Object> device = new LinkedHashMap<>();
		if (principal.equals(session.get(SessionStore.PRINCIPAL_ATTRIBUTE))
				&& session.get(DEVICE_ATTRIBUTE) instanceof Map<?, ?> signedIn) {
			signedIn.forEach((name, value) -> device.put(String.valueOf(name), value));
		}
		else {
			if (this.cookies != null) {
				// What a cookie session is revoked by: the server keeps nothing else of it.
				device.put("id", newSessionId());
			}
			device.put("userAgent", UserAgentSummary.of(request.getHeader("User-Agent")));
			if (this.recordIpAddress) {
				device.put("ipAddress", request.getRemoteAddr());
			}
		}
		device.put(SIGNED_IN_AT, SignedInDevice.micros(this.clock.instant()));
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
		RevocableCookiePersistence cookies = this.cookies;
		if (cookies != null) {
			String currentId = (request != null) ? currentDeviceId(request) : null;
			return recordedSessions(cookies, principal).stream()
				.map((session) -> new UserSession(session.id(), session.signedInAt(), session.lastSeen(),
						session.expiresAt(), session.userAgent(), session.ipAddress(), session.id().equals(currentId)))
				.toList();
		}
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
		RevocableCookiePersistence cookies = this.cookies;
		if (cookies != null) {
			// Only a session recorded under the user: an id of another's, or of none, revokes nothing.
			if (recordedSessions(cookies, principal).stream().noneMatch((session) -> session.id().equals(id))) {
				return false;
			}
			cookies.revocations().revokeSession(id);
			return true;
		}
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
		if (!isAvailable()) {
			indexedStore();
		}
		String principal = principalOf(request);
		if (principal == null) {
			return 0;
		}
		RevocableCookiePersistence cookies = this.cookies;
		if (cookies != null) {
			SignedInDevice current = currentDevice(request);
			String currentId = (current != null) ? current.id() : null;
			int others = cookies.recordsSessions() ? (int) cookies.revocations()
				.recorded(principal)
				.stream()
				.filter((session) -> !session.id().equals(currentId))
				.count() : 0;
			cookies.revocations()
				.revokeSessionsOf(principal, currentId, (current != null) ? current.signedInAt() : null);
			return others;
		}
		SessionStore store = indexedStore();
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
		RevocableCookiePersistence cookies = this.cookies;
		if (cookies != null) {
			int recorded = cookies.recordsSessions() ? cookies.revocations().recorded(principal).size() : 0;
			cookies.revocations().revokeSessionsOf(principal, null, null);
			return recorded;
		}
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
		Instant signedInAt = signedInAt(device, record);
		return new UserSession(idOf(key), signedInAt, lastSeen.isBefore(signedInAt) ? signedInAt : lastSeen,
				record.expiresAt(), text(device, "userAgent"), text(device, "ipAddress"), current);
	}

	/**
	 * Return when the user signed in on a stored session: its creation, for one signed in
	 * before sign-ins were stamped.
	 * @param record the session's record
	 * @return the time of the sign-in
	 */
	static Instant signedInAt(SessionRecord record) {
		return signedInAt(readDevice(record.attributes().get(DEVICE_ATTRIBUTE)), record);
	}

	private static Instant signedInAt(@Nullable JsonNode device, SessionRecord record) {
		JsonNode micros = (device != null) ? device.get(SIGNED_IN_AT) : null;
		return (micros != null && micros.isIntegralNumber()) ? SignedInDevice.instant(micros.asLong())
				: record.createdAt();
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
			throw new UnsupportedOperationException("Sessions on the cookie store cannot be listed or revoked without "
					+ "a revocation store: the server keeps nothing of them. Set app.session.revocation.store to redis "
					+ "or jdbc, or use a server-side store (app.session.store: memory, file, redis or jdbc).");
		}
		return store;
	}

	private static List<IssuedSession> recordedSessions(RevocableCookiePersistence cookies, String principal) {
		if (!cookies.recordsSessions()) {
			throw new UnsupportedOperationException("Cookie sessions are revoked, but not recorded, so they cannot be "
					+ "listed: set app.session.revocation.record-sessions to true to list a user's devices.");
		}
		return cookies.revocations().recorded(principal);
	}

	private @Nullable String currentDeviceId(HttpServletRequest request) {
		SignedInDevice device = currentDevice(request);
		return (device != null) ? device.id() : null;
	}

	private @Nullable SignedInDevice currentDevice(HttpServletRequest request) {
		Session session = this.manager.load(request);
		return SignedInDevice.of(session, session.getCreationTime());
	}

	private String newSessionId() {
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		return ID_ENCODER.encodeToString(id);
	}

}
