package dev.keycard.session.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.codec.EncryptedSessionCodec;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.testsupport.RecordingSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session manager behind its real {@link SessionFilter}, in one of the three ways a cookie is
 * read (signed, encrypted, or a signed id of a server-side session), answering requests that
 * carry a raw {@code Cookie} header parsed as Tomcat parses it. It remembers every value it
 * issued, so that a test can check that nothing else was ever accepted: each issued session
 * holds one value, {@code seed}, which names the value that was issued for it.
 *
 * <p>Time stands still at {@link #NOW}, so that tokens written into a seed corpus stay valid.
 */
final class SessionEndpoint {

	static final String COOKIE_NAME = "session";

	static final String SECRET = "Fz8Kq2Wv5Rn1Yt7Hc4Lm9Xb3Jd6Gs0PaE";

	static final String PREVIOUS_SECRET = "Pv3Lx9Qm6Wt1Rz8Kc5Hn2Yb7Jf4Gd0SaU";

	static final String REMOVED_SECRET = "Rm7Tq2Xw9Lk4Vb1Nc6Hz3Jp8Gf5Ds0YaI";

	static final Instant ISSUED_AT = Instant.parse("2026-01-01T00:00:00Z");

	static final Instant NOW = ISSUED_AT.plus(Duration.ofHours(1));

	static final Instant EXPIRES_AT = ISSUED_AT.plus(Duration.ofDays(14));

	static final KeyRing CURRENT_AND_PREVIOUS = KeyRing.of(SECRET, List.of(PREVIOUS_SECRET));

	static final KeyRing CURRENT = KeyRing.of(SECRET, List.of());

	static final KeyRing PREVIOUS = KeyRing.of(PREVIOUS_SECRET, List.of());

	static final KeyRing REMOVED = KeyRing.of(REMOVED_SECRET, List.of());

	private static final JsonSessionSerializer SERIALIZER = new JsonSessionSerializer();

	/** How a cookie is read. */
	enum Mode {

		SIGNED, ENCRYPTED, SESSION_ID

	}

	private final Mode mode;

	private final KeyRing keyRing;

	private final MemorySessionStore memory = new MemorySessionStore(100_000, Clock.fixed(NOW, ZoneOffset.UTC));

	private final RecordingSessionStore store = new RecordingSessionStore(this.memory);

	private final DefaultSessionManager manager;

	private final SessionFilter filter;

	/** The values issued, each with the seed of its session. */
	private final Map<String, Integer> issued = new HashMap<>();

	private SessionEndpoint(Mode mode, KeyRing keyRing) {
		this.mode = mode;
		this.keyRing = keyRing;
		SessionCookie cookie = SessionCookie.named(COOKIE_NAME);
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		this.manager = (mode == Mode.SESSION_ID)
				? DefaultSessionManager.inStore(this.store, new SessionIdCodec(keyRing), SERIALIZER, cookie,
						SessionLifetime.defaults(), clock)
				: DefaultSessionManager.inCookies(codec(mode, keyRing), SERIALIZER, cookie, SessionLifetime.defaults(),
						clock);
		this.filter = new SessionFilter(this.manager);
	}

	/**
	 * Create an endpoint that accepts the current secret and, for reading, the previous one.
	 * @param mode how cookies are read
	 * @return the endpoint
	 */
	static SessionEndpoint of(Mode mode) {
		return new SessionEndpoint(mode, CURRENT_AND_PREVIOUS);
	}

	/**
	 * Create an endpoint with keys of its own, such as one whose previous secret was removed.
	 * @param mode how cookies are read
	 * @param keyRing the keys it accepts
	 * @return the endpoint
	 */
	static SessionEndpoint of(Mode mode, KeyRing keyRing) {
		return new SessionEndpoint(mode, keyRing);
	}

	Mode mode() {
		return this.mode;
	}

	/**
	 * Issue a session under this endpoint's current secret and remember its value.
	 * @param seed the seed the session holds
	 * @return the cookie value
	 */
	String issue(int seed) {
		return issue(seed, this.keyRing);
	}

	/**
	 * Issue a session under the current secret of a key ring and remember its value, for
	 * values issued before a rotation.
	 * @param seed the seed the session holds
	 * @param issuer the keys that issue it
	 * @return the cookie value
	 */
	String issue(int seed, KeyRing issuer) {
		return issue(seed, issuer, Map.of());
	}

	/**
	 * Issue a session that holds more than its seed and remember its value.
	 * @param seed the seed the session holds
	 * @param issuer the keys that issue it
	 * @param more the other values it holds
	 * @return the cookie value
	 */
	String issue(int seed, KeyRing issuer, Map<String, Object> more) {
		Map<String, Object> values = new LinkedHashMap<>(more);
		values.put("seed", seed);
		String value = encode(issuer, COOKIE_NAME, values, ISSUED_AT, EXPIRES_AT);
		this.issued.put(value, seed);
		return value;
	}

	/**
	 * Remember a value issued earlier by this endpoint's code, such as an encrypted token of a
	 * seed corpus, whose random nonce cannot be issued twice.
	 * @param value the cookie value
	 * @param seed the seed its session holds
	 */
	void issued(String value, int seed) {
		this.issued.put(value, seed);
	}

	/**
	 * Encode a session without remembering it as issued: a value the endpoint must refuse,
	 * such as one for another cookie, under an unknown secret, or expired. For server-side
	 * sessions, the record is stored with the given expiry.
	 * @param issuer the keys that encode it
	 * @param cookieName the cookie the value is bound to
	 * @param values the session values
	 * @param issuedAt when the token is issued (cookie sessions)
	 * @param expiresAt when the session expires
	 * @return the cookie value
	 */
	String encode(KeyRing issuer, String cookieName, Map<String, Object> values, Instant issuedAt,
			Instant expiresAt) {
		byte[] payload = SERIALIZER.serialize(new LinkedHashMap<>(values));
		if (this.mode != Mode.SESSION_ID) {
			return codec(this.mode, issuer).encode(cookieName,
					new SessionToken(ISSUED_AT.isBefore(issuedAt) ? ISSUED_AT : issuedAt, issuedAt, expiresAt, payload));
		}
		byte[] id = idOf(cookieName + " " + values + " " + expiresAt + " " + issuer.getCurrent());
		Map<String, String> attributes = new LinkedHashMap<>();
		values.forEach((name, value) -> attributes.put(name, SERIALIZER.serializeValue(value)));
		Instant createdAt = ISSUED_AT.isBefore(expiresAt) ? ISSUED_AT : expiresAt.minusSeconds(1);
		this.memory.save(SessionIdCodec.storeKey(id),
				new SessionChanges(true, attributes, Set.of(), createdAt, expiresAt));
		return new SessionIdCodec(issuer).encode(cookieName, id);
	}

	/**
	 * Send a GET request whose handler reads the session, through the filter.
	 * @param cookieHeader the raw {@code Cookie} header
	 * @return what the handler saw and the response
	 */
	Exchange send(String cookieHeader) {
		return send(cookieHeader.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Send a GET request whose handler reads the session, through the filter.
	 * @param cookieHeader the raw {@code Cookie} header, as bytes on the wire
	 * @return what the handler saw and the response
	 */
	Exchange send(byte[] cookieHeader) {
		TomcatCookieHeader request = TomcatCookieHeader.request(cookieHeader);
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<Session> seen = new AtomicReference<>();
		DefaultSessionManager sessions = this.manager;
		HttpServlet handler = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				Session session = sessions.load(req);
				session.get("seed");
				seen.set(session);
				res.setStatus(HttpServletResponse.SC_OK);
			}

		};
		try {
			this.filter.doFilter(request, response, new MockFilterChain(handler));
		}
		catch (Exception ex) {
			throw new AssertionError("The session filter let an exception escape for Cookie header of "
					+ cookieHeader.length + " bytes", ex);
		}
		List<String> presented = new ArrayList<>();
		try {
			Cookie[] cookies = request.getCookies();
			if (cookies != null) {
				for (Cookie cookie : cookies) {
					if (cookie.getName().equals(COOKIE_NAME)) {
						presented.add(cookie.getValue());
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// More cookies than Tomcat takes: none of them reached the manager.
		}
		return new Exchange(seen.get(), response.getStatus(), presented, response.getHeaders("Set-Cookie"));
	}

	/**
	 * Check that an exchange ended normally, in a valid session that was issued for one of the
	 * presented values, or in a new, empty one.
	 * @param exchange the exchange
	 * @return whether an issued session was accepted
	 */
	boolean assertAcceptedOnlyIfIssued(Exchange exchange) {
		assertThat(exchange.status()).as("status").isEqualTo(200);
		Session session = exchange.session();
		assertThat(session).as("the session the handler got").isNotNull();
		if (session.isNew()) {
			assertThat(session).as("a new session").isEmpty();
			return false;
		}
		Object seed = session.get("seed");
		assertThat(exchange.presented()).as("values presented for an accepted session holding seed %s", seed)
			.anyMatch((value) -> Objects.equals(this.issued.get(value), seed));
		return true;
	}

	/**
	 * Return how many times the store was asked for a session.
	 * @return the number of store loads
	 */
	int storeLoads() {
		return this.store.loadCount.get();
	}

	/**
	 * Return the key id written into the values this endpoint issues.
	 * @return the current key id
	 */
	int currentKeyId() {
		return this.keyRing.getCurrent().getId();
	}

	static SessionCodec codec(Mode mode, KeyRing keyRing) {
		return (mode == Mode.ENCRYPTED) ? new EncryptedSessionCodec(keyRing) : new SignedSessionCodec(keyRing);
	}

	private static byte[] idOf(String seed) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One request and its response.
	 *
	 * @param session the session the handler got
	 * @param status the response status
	 * @param presented the values of the session cookies the manager could see
	 * @param setCookies the {@code Set-Cookie} headers sent
	 */
	record Exchange(@Nullable Session session, int status, List<String> presented, List<String> setCookies) {
	}

	/** Counts loads, to show that a bad id never costs a store round trip. */

}
