package dev.keycard.session.test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractIntegerAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.MapAssert;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.keycard.session.web.DeferredSession;
import dev.keycard.session.web.SessionOutcome;

/**
 * AssertJ assertions on what a MockMvc request did to its session: the values it holds at the
 * end of the request, and whether it was saved, created, invalidated, regenerated or refreshed,
 * and the size of the cookie sent.
 *
 * <pre class="code">
 * MvcTestResult result = mvc.get().uri("/visits").with(session((s) -&gt; s.put("count", 41))).exchange();
 * assertThatSession(result).wasSaved().containsEntry("count", 42);
 * assertThatSession(result).cookieSize().isLessThan(4096);
 * </pre>
 */
public final class SessionAssert extends AbstractAssert<SessionAssert, MvcResult> {

	private final DeferredSession session;

	private SessionAssert(MvcResult result) {
		super(result, SessionAssert.class);
		MockHttpServletRequest request = result.getRequest();
		this.session = KeycardTestContext.of(request.getServletContext()).manager().loadDeferred(request);
	}

	/**
	 * Assert on the session of a MockMvc request.
	 * @param result the result of the request
	 * @return the assertions
	 */
	public static SessionAssert assertThatSession(MvcResult result) {
		return new SessionAssert(result);
	}

	/**
	 * Assert on the session of a {@code MockMvcTester} request.
	 * @param result the result of the request
	 * @return the assertions
	 */
	public static SessionAssert assertThatSession(MvcTestResult result) {
		return new SessionAssert(result.getMvcResult());
	}

	/**
	 * Assert on the values the session holds at the end of the request.
	 * @return assertions on the values
	 */
	public MapAssert<String, @Nullable Object> values() {
		return Assertions.assertThat(values(this.session)).as("session values");
	}

	/**
	 * Assert that the session holds a value at the end of the request. Numbers compare by
	 * value, as in JSON: {@code 42} matches {@code 42L}.
	 * @param key the key
	 * @param value the value expected
	 * @return this
	 */
	public SessionAssert containsEntry(String key, @Nullable Object value) {
		Map<String, @Nullable Object> values = values(this.session);
		if (!values.containsKey(key) || !sameJsonValue(values.get(key), value)) {
			failWithMessage("Expected the session to hold %s=%s, but it holds %s", key, value, values);
		}
		return this;
	}

	/**
	 * Assert that the session holds no value under a key at the end of the request.
	 * @param key the key
	 * @return this
	 */
	public SessionAssert doesNotContainKey(String key) {
		Map<String, @Nullable Object> values = values(this.session);
		if (values.containsKey(key)) {
			failWithMessage("Expected the session to hold nothing under '%s', but it holds %s", key, values);
		}
		return this;
	}

	/**
	 * Assert that the request wrote its session: a cookie set or expired, or a store changed.
	 * @return this
	 */
	public SessionAssert wasSaved() {
		return check(outcome().written(), "Expected the session to be saved, but nothing was written");
	}

	/**
	 * Assert that the request wrote nothing of its session.
	 * @return this
	 */
	public SessionAssert wasNotSaved() {
		return check(!outcome().written(), "Expected nothing of the session to be written, but it was saved");
	}

	/**
	 * Assert that the request wrote a new session for the first time.
	 * @return this
	 */
	public SessionAssert wasCreated() {
		return check(outcome().created(), "Expected a new session to be created");
	}

	/**
	 * Assert that the request invalidated the session its client held.
	 * @return this
	 */
	public SessionAssert wasInvalidated() {
		return check(outcome().invalidated(), "Expected the session to be invalidated");
	}

	/**
	 * Assert that the request gave the session a new identity, keeping its values.
	 * @return this
	 */
	public SessionAssert wasRegenerated() {
		return check(outcome().regenerated(), "Expected the session to be regenerated");
	}

	/**
	 * Assert that the request issued the session's cookie again without a change of content:
	 * a rolling refresh, or a cookie under a previous key.
	 * @return this
	 */
	public SessionAssert wasRefreshed() {
		return check(outcome().refreshed(), "Expected the session's cookie to be issued again");
	}

	/**
	 * Assert on the length of the session's {@code Set-Cookie} header value the request sent,
	 * attributes included.
	 * @return assertions on the length
	 */
	public AbstractIntegerAssert<?> cookieSize() {
		int length = outcome().cookieLength();
		if (length < 0) {
			failWithMessage("Expected a session cookie to be sent, but none was");
		}
		return Assertions.assertThat(length).as("session cookie size");
	}

	private SessionAssert check(boolean condition, String message) {
		isNotNull();
		if (!condition) {
			failWithMessage(message + " (what the request did: %s)", outcome());
		}
		return this;
	}

	private SessionOutcome outcome() {
		return this.session.outcome();
	}

	private static Map<String, @Nullable Object> values(DeferredSession session) {
		return new LinkedHashMap<>(session.get());
	}

	private static boolean sameJsonValue(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number a && expected instanceof Number e) {
			return (isIntegral(a) && isIntegral(e)) ? a.longValue() == e.longValue()
					: Double.compare(a.doubleValue(), e.doubleValue()) == 0;
		}
		return Objects.equals(actual, expected);
	}

	private static boolean isIntegral(Number number) {
		return number instanceof Integer || number instanceof Long || number instanceof Short
				|| number instanceof Byte || number instanceof BigInteger;
	}

}
