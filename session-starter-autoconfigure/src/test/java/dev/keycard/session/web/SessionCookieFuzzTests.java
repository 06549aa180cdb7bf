package dev.keycard.session.web;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.web.SessionEndpoint.Exchange;
import dev.keycard.session.web.SessionEndpoint.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz test of everything that reads what a client sends: Tomcat's parsing of the
 * {@code Cookie} header as the manager sees it, Base64url decoding, MAC verification, AES-GCM
 * decryption, session id verification, and JSON reading, from a token or from a store. Whatever
 * the input, the request ends normally with a session that was issued for one of the values
 * presented, or with a new, empty one; nothing else is ever accepted.
 *
 * <p>The first byte of an input picks what the rest is:
 * <ul>
 * <li>{@code 0}, {@code 1}, {@code 2}: a raw {@code Cookie} header for signed cookie sessions,
 * encrypted cookie sessions, or server-side sessions behind a signed id;</li>
 * <li>{@code 3}: the JSON payload of a token correctly signed by the application, as if it had
 * issued it;</li>
 * <li>{@code 4}: the JSON of one attribute of a stored session, as if the store held it.</li>
 * </ul>
 * The seed corpus, in {@code SessionCookieFuzzTestsInputs/cookieReading} beside this class in
 * the test resources, holds valid values of each kind (time stands still in
 * {@link SessionEndpoint}, so they stay valid), values under a previous and a removed secret,
 * truncations, duplicates and hostile JSON. The normal build runs every seed once (regression
 * mode), then fuzzes for 10 seconds (the surefire execution {@code fuzz-briefly}). To fuzz for
 * as long as you like:
 *
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=1h mvn -pl session-starter-autoconfigure -am test -Dtest=SessionCookieFuzzTests -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true
 * </pre>
 *
 * A finding stops the run and is written to the inputs directory, where it then runs as a
 * regression test.
 */
class SessionCookieFuzzTests {

	/** Encrypted tokens issued once under the secrets of {@link SessionEndpoint}: their nonces are random. */
	static final Map<String, Integer> ENCRYPTED_ISSUED = Map.of(
			"AQJ-y3PDAAAAAGlVuQAAAAAAaVW5AAAAAABpaC4APzopUelPm3l6MgAn5hldwXm6Bto1P4g-9WaAbd82RrIBr77dAJlIiIM", 10,
			"AQJ-y3PDAAAAAGlVuQAAAAAAaVW5AAAAAABpaC4APzpfqpKp6Z85Xl_fASayjskNOxDalepz87__mFzT6enBCfDG1NOie1g", 11,
			"AQI9j9vsAAAAAGlVuQAAAAAAaVW5AAAAAABpaC4APzpRpH0LC5V_aBDlczcMPwfhSvJ3EJoZ2RrED6LvWMUt0bc2o5OXwqQ", 12);

	private static final Map<Mode, SessionEndpoint> ENDPOINTS = endpoints();

	private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

	private static final byte[] ANY_ID = new byte[SessionIdCodec.ID_LENGTH];

	private static final String ANY_ID_COOKIE = "session="
			+ new SessionIdCodec(SessionEndpoint.CURRENT).encode(SessionEndpoint.COOKIE_NAME, ANY_ID);

	@FuzzTest(maxDuration = "30s")
	void cookieReading(byte[] input) {
		readAsClientInput(input);
	}

	@Test
	void seedCorpusHoldsValuesOfEveryKindThatAreAccepted() throws IOException, URISyntaxException {
		URL corpus = getClass().getResource("SessionCookieFuzzTestsInputs/cookieReading");
		assertThat(corpus).as("the seed corpus").isNotNull();
		EnumMap<Target, Integer> accepted = new EnumMap<>(Target.class);
		int seeds = 0;
		try (Stream<Path> files = Files.list(Path.of(corpus.toURI()))) {
			for (Path file : files.sorted().toList()) {
				byte[] input = Files.readAllBytes(file);
				if (readAsClientInput(input)) {
					accepted.merge(Target.of(input), 1, Integer::sum);
				}
				seeds++;
			}
		}
		assertThat(seeds).isGreaterThanOrEqualTo(25);
		assertThat(accepted).as("seeds accepted, by target")
			.containsEntry(Target.SIGNED_COOKIE, 3)
			.containsEntry(Target.ENCRYPTED_COOKIE, 2)
			.containsEntry(Target.SESSION_ID_COOKIE, 3)
			.containsKeys(Target.SIGNED_PAYLOAD, Target.STORED_ATTRIBUTE);
	}

	/**
	 * Read one input as a client's; fail if the property is broken.
	 * @return whether a session was accepted
	 */
	static boolean readAsClientInput(byte[] input) {
		Target target = Target.of(input);
		byte[] data = (input.length > 0) ? Arrays.copyOfRange(input, 1, input.length) : input;
		return switch (target) {
			case SIGNED_COOKIE -> readCookieHeader(Mode.SIGNED, data);
			case ENCRYPTED_COOKIE -> readCookieHeader(Mode.ENCRYPTED, data);
			case SESSION_ID_COOKIE -> readCookieHeader(Mode.SESSION_ID, data);
			case SIGNED_PAYLOAD -> readSignedPayload(data);
			case STORED_ATTRIBUTE -> readStoredAttribute(data);
		};
	}

	private static boolean readCookieHeader(Mode mode, byte[] header) {
		SessionEndpoint endpoint = ENDPOINTS.get(mode);
		return endpoint.assertAcceptedOnlyIfIssued(endpoint.send(header));
	}

	/** JSON reading behind a valid signature: accepted only as the plain data it is. */
	private static boolean readSignedPayload(byte[] payload) {
		String value = new SignedSessionCodec(SessionEndpoint.CURRENT).encode(SessionEndpoint.COOKIE_NAME,
				new SessionToken(SessionEndpoint.ISSUED_AT, SessionEndpoint.ISSUED_AT, SessionEndpoint.EXPIRES_AT,
						payload));
		DefaultSessionManager manager = DefaultSessionManager.inCookies(new SignedSessionCodec(SessionEndpoint.CURRENT),
				new JsonSessionSerializer(), SessionCookie.named(SessionEndpoint.COOKIE_NAME), SessionLifetime.defaults(),
				Clock.fixed(SessionEndpoint.NOW, ZoneOffset.UTC));
		Session session = readThroughFilter(manager, "session=" + value);
		if (session.isNew()) {
			assertThat(session).isEmpty();
			return false;
		}
		assertThat(session).isEqualTo(plainJson(payload, Map.class));
		return true;
	}

	/** JSON reading of a stored attribute: accepted only as the plain data it is. */
	private static boolean readStoredAttribute(byte[] json) {
		String text = new String(json, StandardCharsets.UTF_8);
		SessionStore store = new SingleRecordStore(new SessionRecord(Map.of("value", text), SessionEndpoint.ISSUED_AT,
				SessionEndpoint.EXPIRES_AT));
		DefaultSessionManager manager = DefaultSessionManager.inStore(store, new SessionIdCodec(SessionEndpoint.CURRENT),
				new JsonSessionSerializer(), SessionCookie.named(SessionEndpoint.COOKIE_NAME), SessionLifetime.defaults(),
				Clock.fixed(SessionEndpoint.NOW, ZoneOffset.UTC));
		Session session = readThroughFilter(manager, ANY_ID_COOKIE);
		if (session.isNew()) {
			assertThat(session).isEmpty();
			return false;
		}
		assertThat(session).containsOnlyKeys("value");
		assertThat(session.get("value")).isEqualTo(plainJson(text.getBytes(StandardCharsets.UTF_8), Object.class));
		return true;
	}

	private static Session readThroughFilter(DefaultSessionManager manager, String cookieHeader) {
		TomcatCookieHeader request = TomcatCookieHeader.request(cookieHeader.getBytes(StandardCharsets.ISO_8859_1));
		MockHttpServletResponse response = new MockHttpServletResponse();
		Session[] seen = new Session[1];
		try {
			new SessionFilter(manager).doFilter(request, response,
					new MockFilterChain(new jakarta.servlet.http.HttpServlet() {

						@Override
						protected void service(jakarta.servlet.http.HttpServletRequest req,
								jakarta.servlet.http.HttpServletResponse res) {
							seen[0] = manager.load(req);
						}

					}));
		}
		catch (Exception ex) {
			throw new AssertionError("The session filter let an exception escape", ex);
		}
		assertThat(response.getStatus()).isEqualTo(200);
		return seen[0];
	}

	private static @Nullable Object plainJson(byte[] json, Class<?> type) {
		try {
			return PLAIN_JSON.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new AssertionError("Keycard accepted JSON that Jackson's defaults refuse", ex);
		}
	}

	private static Map<Mode, SessionEndpoint> endpoints() {
		Map<Mode, SessionEndpoint> endpoints = new EnumMap<>(Mode.class);
		SessionEndpoint signed = SessionEndpoint.of(Mode.SIGNED);
		signed.issue(0);
		signed.issue(1, SessionEndpoint.PREVIOUS);
		signed.issue(2);
		endpoints.put(Mode.SIGNED, signed);
		SessionEndpoint encrypted = SessionEndpoint.of(Mode.ENCRYPTED);
		ENCRYPTED_ISSUED.forEach(encrypted::issued);
		endpoints.put(Mode.ENCRYPTED, encrypted);
		SessionEndpoint sessionIds = SessionEndpoint.of(Mode.SESSION_ID);
		sessionIds.issue(20);
		sessionIds.issue(21, SessionEndpoint.PREVIOUS);
		sessionIds.issue(22);
		endpoints.put(Mode.SESSION_ID, sessionIds);
		return endpoints;
	}

	/** What the rest of an input is, by its first byte. */
	enum Target {

		SIGNED_COOKIE, ENCRYPTED_COOKIE, SESSION_ID_COOKIE, SIGNED_PAYLOAD, STORED_ATTRIBUTE;

		static Target of(byte[] input) {
			int first = (input.length > 0) ? input[0] : '0';
			return values()[Math.floorMod(first - '0', values().length)];
		}

	}

	/** A store that holds one record under every key. */
	private record SingleRecordStore(SessionRecord record) implements SessionStore {

		@Override
		public SessionRecord load(String key) {
			return this.record;
		}

		@Override
		public boolean save(String key, SessionChanges changes) {
			return true;
		}

		@Override
		public void delete(String key) {
		}

	}

}
