package dev.keycard.session.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.web.HostileVariants.Variant;
import dev.keycard.session.web.SessionEndpoint.Exchange;
import dev.keycard.session.web.SessionEndpoint.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile cookies derived from valid ones, in each of the three ways a cookie is
 * read: every one ends in a normal response with a new, empty session, none is accepted, and
 * for server-side sessions none but an expired one costs a store round trip. The variants of
 * {@link HostileVariants}, plus values that are validly signed but must still be refused:
 * issued for another cookie name, under a secret that was removed, or expired. The count,
 * printed at the end, is the figure SECURITY.md quotes.
 */
class TamperCorpusTests {

	private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

	private static final Map<String, Object> PROFILE = Map.of("user", "bruce", "roles", List.of("admin", "detective"),
			"cart", List.of(Map.of("sku", "cowl", "quantity", 1), Map.of("sku", "batarang", "quantity", 12)),
			"notes", "n".repeat(200));

	@ParameterizedTest
	@EnumSource(Mode.class)
	void everyHostileVariantOfAValidValueGivesANewEmptySession(Mode mode) {
		SessionEndpoint endpoint = SessionEndpoint.of(mode);
		List<String> valid = List.of(endpoint.issue(1), endpoint.issue(2), endpoint.issue(3, SessionEndpoint.PREVIOUS),
				endpoint.issue(4, SessionEndpoint.CURRENT, PROFILE));
		for (String value : valid) {
			assertThat(endpoint.assertAcceptedOnlyIfIssued(endpoint.send("session=" + value)))
				.as("the valid value itself is accepted")
				.isTrue();
		}
		int loadsOfValidValues = endpoint.storeLoads();
		int otherKeyId = SessionEndpoint.REMOVED.getCurrent().getId();
		int previousKeyId = SessionEndpoint.PREVIOUS.getCurrent().getId();
		for (String value : valid) {
			for (Variant variant : HostileVariants.of(value, otherKeyId, previousKeyId)) {
				assertRefused(endpoint, variant);
			}
		}
		assertThat(endpoint.storeLoads()).as("store loads caused by hostile values").isEqualTo(loadsOfValidValues);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void validlySignedValuesForAnotherCookieUnderAnotherSecretOrExpiredGiveANewEmptySession(Mode mode) {
		SessionEndpoint endpoint = SessionEndpoint.of(mode);
		Map<String, Object> values = Map.of("seed", 1);
		Instant issuedAt = SessionEndpoint.ISSUED_AT;
		Instant expiresAt = SessionEndpoint.EXPIRES_AT;
		for (String cookieName : List.of("remember-me", "SESSION", "Session", "session2", "sessionid", "JSESSIONID",
				"__Host-session", "sessio", "session ", "")) {
			assertRefused(endpoint, new Variant("issued for another cookie name",
					"session=" + endpoint.encode(SessionEndpoint.CURRENT, cookieName, values, issuedAt, expiresAt)));
		}
		for (KeyRing foreign : List.of(SessionEndpoint.REMOVED,
				KeyRing.of("another-application-Xr4Tq8Vm2Lp6Wz1Nc9Hb", List.of()))) {
			assertRefused(endpoint, new Variant("issued under an unknown secret",
					"session=" + endpoint.encode(foreign, "session", values, issuedAt, expiresAt)));
		}
		int loadsBeforeExpired = endpoint.storeLoads();
		Instant now = SessionEndpoint.NOW;
		List<Instant[]> expiredTimes = List.of(new Instant[] { issuedAt, now },
				new Instant[] { issuedAt, now.minusSeconds(1) },
				new Instant[] { issuedAt.minus(Duration.ofDays(30)), issuedAt.minus(Duration.ofDays(16)) },
				new Instant[] { Instant.EPOCH, Instant.EPOCH.plusSeconds(1) });
		for (Instant[] times : expiredTimes) {
			assertRefused(endpoint, new Variant("expired",
					"session=" + endpoint.encode(SessionEndpoint.CURRENT, "session", values, times[0], times[1])));
		}
		int expiredLoads = endpoint.storeLoads() - loadsBeforeExpired;
		assertThat(expiredLoads).as("store loads of expired sessions")
			.isEqualTo((mode == Mode.SESSION_ID) ? expiredTimes.size() : 0);
		if (mode != Mode.SESSION_ID) {
			assertRefused(endpoint, new Variant("times out of order", "session=" + endpoint.encode(SessionEndpoint.CURRENT,
					"session", values, expiresAt.plusSeconds(1), expiresAt)));
		}
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void valuesIssuedUnderAPreviousSecretAreRefusedOnceItIsRemoved(Mode mode) {
		SessionEndpoint beforeRemoval = SessionEndpoint.of(mode);
		List<String> underPrevious = new ArrayList<>();
		for (int seed = 1; seed <= 20; seed++) {
			String value = beforeRemoval.issue(seed, SessionEndpoint.PREVIOUS);
			assertThat(beforeRemoval.assertAcceptedOnlyIfIssued(beforeRemoval.send("session=" + value)))
				.as("accepted while the secret is a previous secret")
				.isTrue();
			underPrevious.add(value);
		}
		SessionEndpoint afterRemoval = SessionEndpoint.of(mode, SessionEndpoint.CURRENT);
		for (int seed = 1; seed <= 20; seed++) {
			// Same secrets and same ids: for server-side sessions the records exist in this endpoint's store too.
			afterRemoval.encode(SessionEndpoint.PREVIOUS, "session", Map.of("seed", seed), SessionEndpoint.ISSUED_AT,
					SessionEndpoint.EXPIRES_AT);
		}
		for (String value : underPrevious) {
			assertRefused(afterRemoval, new Variant("issued under a previous secret that was removed", "session=" + value));
		}
		assertThat(afterRemoval.storeLoads()).isZero();
	}

	@AfterAll
	static void reportTheCount() {
		int total = COUNTS.values().stream().mapToInt(Integer::intValue).sum();
		System.out.println("Tamper corpus: " + total + " hostile cookie headers refused, none accepted; by kind: "
				+ new TreeMap<>(COUNTS));
		assertThat(total).as("hostile variants tried").isGreaterThanOrEqualTo(10_000);
	}

	private static void assertRefused(SessionEndpoint endpoint, Variant variant) {
		Exchange exchange = endpoint.send(variant.header());
		boolean accepted;
		try {
			accepted = endpoint.assertAcceptedOnlyIfIssued(exchange);
		}
		catch (AssertionError ex) {
			throw new AssertionError(describe(endpoint, variant) + ": " + ex.getMessage(), ex);
		}
		assertThat(accepted).as("%s was accepted", describe(endpoint, variant)).isFalse();
		assertThat(exchange.setCookies()).as("Set-Cookie for %s", describe(endpoint, variant)).isEmpty();
		COUNTS.merge(endpoint.mode() + " " + variant.family(), 1, Integer::sum);
	}

	private static String describe(SessionEndpoint endpoint, Variant variant) {
		String header = variant.header();
		return endpoint.mode() + " variant '" + variant.family() + "' ("
				+ ((header.length() > 200) ? header.substring(0, 200) + "... " + header.length() + " characters" : header)
				+ ")";
	}

}
