package dev.keycard.session.micrometer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SaveOutcome;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.KeyUsage;

/**
 * Records what sessions do as {@code keycard.session.*} meters. Every meter is registered up
 * front, so that a request only increments: no lookup, no allocation. Cookies accepted under
 * each key are {@link KeyUsage}'s counts, read when the meters are.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@value #COOKIE_SIZE}</td><td>distribution summary, bytes</td><td></td></tr>
 * <tr><td>{@value #STORED_SIZE}</td><td>distribution summary, bytes</td><td></td></tr>
 * <tr><td>{@value #COOKIES_REFUSED}</td><td>counter</td><td>{@code reason}: {@code bad_signature},
 * {@code other_cookie_name}, {@code expired}, {@code unknown_key}, {@code malformed}, {@code too_large}, {@code unreadable},
 * {@code unknown_session}, {@code invalid}</td></tr>
 * <tr><td>{@value #COOKIES_ACCEPTED}</td><td>counter</td><td>{@code key}: {@code current},
 * {@code previous-1}, {@code previous-2}, ... in the order of {@code previous-secrets}</td></tr>
 * <tr><td>{@value #CREATED}, {@value #INVALIDATED}, {@value #REGENERATED}</td><td>counter</td><td></td></tr>
 * <tr><td>{@value #SAVES}</td><td>counter</td><td>{@code outcome}: {@code written}, {@code unchanged},
 * {@code refreshed}, {@code too_large}, {@code too_late}</td></tr>
 * <tr><td>{@value #EXPIRED_DELETED}</td><td>counter</td><td></td></tr>
 * </table>
 */
public final class MicrometerSessionActivity implements SessionActivity {

	/** The size of each session cookie sent. */
	public static final String COOKIE_SIZE = "keycard.session.cookie.size";

	/** The size of each session written to a store. */
	public static final String STORED_SIZE = "keycard.session.stored.size";

	/** Session cookies refused, by reason. */
	public static final String COOKIES_REFUSED = "keycard.session.cookies.refused";

	/** Session cookies accepted, by the key they were made under: rotation progress. */
	public static final String COOKIES_ACCEPTED = "keycard.session.cookies.accepted";

	/** New sessions written. */
	public static final String CREATED = "keycard.session.created";

	/** Sessions invalidated. */
	public static final String INVALIDATED = "keycard.session.invalidated";

	/** Sessions regenerated. */
	public static final String REGENERATED = "keycard.session.regenerated";

	/** Ends of requests that read a session, by outcome. */
	public static final String SAVES = "keycard.session.saves";

	/** Expired sessions deleted by cleanup runs. */
	public static final String EXPIRED_DELETED = "keycard.session.expired.deleted";

	private final DistributionSummary cookieSize;

	private final DistributionSummary storedSize;

	private final Map<CookieRefusal, Counter> refused = new EnumMap<>(CookieRefusal.class);

	private final Map<SaveOutcome, Counter> saves = new EnumMap<>(SaveOutcome.class);

	private final Counter created;

	private final Counter invalidated;

	private final Counter regenerated;

	private final Counter expiredDeleted;

	/**
	 * Register the meters.
	 * @param registry where
	 * @param keyUsage the count of cookies accepted under each key, which
	 * {@value #COOKIES_ACCEPTED} reads
	 */
	public MicrometerSessionActivity(MeterRegistry registry, KeyUsage keyUsage) {
		Assert.notNull(registry, "registry must not be null");
		Assert.notNull(keyUsage, "keyUsage must not be null");
		this.cookieSize = DistributionSummary.builder(COOKIE_SIZE)
			.description("Size of the session cookies sent, Set-Cookie attributes included")
			.baseUnit("bytes")
			.register(registry);
		this.storedSize = DistributionSummary.builder(STORED_SIZE)
			.description("Size of the sessions written to the store")
			.baseUnit("bytes")
			.register(registry);
		for (CookieRefusal reason : CookieRefusal.values()) {
			this.refused.put(reason, Counter.builder(COOKIES_REFUSED)
				.description("Session cookies refused; each client got a new session")
				.tag("reason", tagValue(reason))
				.register(registry));
		}
		for (SaveOutcome outcome : SaveOutcome.values()) {
			this.saves.put(outcome, Counter.builder(SAVES)
				.description("Ends of requests that read a session, by what was done")
				.tag("outcome", tagValue(outcome))
				.register(registry));
		}
		for (int i = 0; i < keyUsage.keyCount(); i++) {
			int index = i;
			FunctionCounter.builder(COOKIES_ACCEPTED, keyUsage, (usage) -> usage.accepted(index))
				.description("Session cookies accepted, by the key they were made under")
				.tag("key", KeyUsage.keyName(i))
				.register(registry);
		}
		this.created = Counter.builder(CREATED).description("New sessions written").register(registry);
		this.invalidated = Counter.builder(INVALIDATED).description("Sessions invalidated").register(registry);
		this.regenerated = Counter.builder(REGENERATED)
			.description("Sessions given a new identity, keeping their values")
			.register(registry);
		this.expiredDeleted = Counter.builder(EXPIRED_DELETED)
			.description("Expired sessions deleted from the store by cleanup runs")
			.register(registry);
	}

	private static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public void cookieRefused(CookieRefusal reason) {
		this.refused.get(reason).increment();
	}

	@Override
	public void sessionCreated() {
		this.created.increment();
	}

	@Override
	public void sessionInvalidated() {
		this.invalidated.increment();
	}

	@Override
	public void sessionRegenerated() {
		this.regenerated.increment();
	}

	@Override
	public void sessionSaved(SaveOutcome outcome) {
		this.saves.get(outcome).increment();
	}

	@Override
	public void cookieSent(int bytes) {
		this.cookieSize.record(bytes);
	}

	@Override
	public void sessionStored(long bytes) {
		this.storedSize.record(bytes);
	}

	@Override
	public void expiredSessionsDeleted(long count) {
		this.expiredDeleted.increment(count);
	}

}
