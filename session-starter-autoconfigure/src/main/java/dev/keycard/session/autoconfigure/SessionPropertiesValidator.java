package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.util.ClassUtils;

import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.web.SessionCookieSettings;

/**
 * Turns {@link SessionProperties} into the objects Keycard runs on, refusing values that would
 * make sessions insecure or broken with an {@link InvalidSessionPropertyException} that says
 * what to do.
 */
final class SessionPropertiesValidator {

	static final String PREFIX = "app.session.";

	private static final String GENERATE_SECRET = "Generate a secret with 'openssl rand -base64 32' and set it as "
			+ "app.session.secret, for example through the SESSION_SECRET environment variable "
			+ "(app.session.secret: ${SESSION_SECRET}). Keep it stable across restarts and identical on every instance.";

	/** Words of secrets copied from documentation rather than generated. */
	private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "change_me",
			"change-in-production", "your-", "your_", "placeholder", "example", "replace-me", "replace-with",
			"secret-key", "secret_key", "secretkey", "mysecret", "my-secret", "my_secret", "supersecret",
			"super-secret", "super_secret", "insecure", "do-not-use", "donotuse", "dummy", "password", "default",
			"qwerty", "openssl");

	private static final int MINIMUM_DISTINCT_CHARACTERS = 8;

	/** Longest run of consecutive characters, such as {@code 1234567}, kept in a generated secret. */
	private static final int LONGEST_SEQUENCE = 7;

	/**
	 * Least share of distinct three-character pieces: a generated secret almost never repeats
	 * one, a phrase repeated to reach the length ({@code mysecretmysecret...}) mostly does.
	 */
	private static final double MINIMUM_DISTINCT_TRIGRAMS = 2.0 / 3;

	private static final Set<String> SAME_SITE_VALUES = Set.of("Strict", "Lax", "None");

	/** Each store Keycard provides, with the class that must be present for it. */
	private static final Map<String, StoreRequirement> STORES = storeRequirements();

	private final SessionProperties properties;

	SessionPropertiesValidator(SessionProperties properties) {
		this.properties = properties;
	}

	KeyRing keyRing() {
		String secret = this.properties.getSecret();
		if (secret == null || secret.isBlank()) {
			throw new InvalidSessionPropertyException(PREFIX + "secret", "is not set; Keycard needs it to sign sessions",
					GENERATE_SECRET);
		}
		checkSecret("secret", secret);
		List<String> previousSecrets = this.properties.getPreviousSecrets();
		for (int i = 0; i < previousSecrets.size(); i++) {
			checkSecret("previous-secrets[" + i + "]", previousSecrets.get(i));
		}
		return KeyRing.of(secret, previousSecrets);
	}

	private void checkSecret(String name, @Nullable String secret) {
		int length = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8).length : 0;
		if (secret == null || length < KeyRing.MINIMUM_SECRET_LENGTH) {
			throw new InvalidSessionPropertyException(PREFIX + name, "is " + length + " bytes long, shorter than the "
					+ KeyRing.MINIMUM_SECRET_LENGTH + " bytes a session secret needs", GENERATE_SECRET);
		}
		String lowerCase = secret.toLowerCase(Locale.ROOT);
		boolean placeholder = PLACEHOLDER_WORDS.stream().anyMatch(lowerCase::contains)
				|| secret.chars().distinct().count() < MINIMUM_DISTINCT_CHARACTERS || hasLongSequence(lowerCase)
				|| isRepetitive(secret);
		if (placeholder) {
			throw new InvalidSessionPropertyException(PREFIX + name,
					"looks like a placeholder, not a generated secret; anyone who has read the same text can forge sessions",
					GENERATE_SECRET);
		}
	}

	private static boolean hasLongSequence(String secret) {
		int ascending = 1;
		int descending = 1;
		for (int i = 1; i < secret.length(); i++) {
			int step = secret.charAt(i) - secret.charAt(i - 1);
			ascending = (step == 1) ? ascending + 1 : 1;
			descending = (step == -1) ? descending + 1 : 1;
			if (ascending > LONGEST_SEQUENCE || descending > LONGEST_SEQUENCE) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRepetitive(String secret) {
		int trigrams = secret.length() - 2;
		Set<String> distinct = new HashSet<>();
		for (int i = 0; i < trigrams; i++) {
			distinct.add(secret.substring(i, i + 3));
		}
		return distinct.size() < trigrams * MINIMUM_DISTINCT_TRIGRAMS;
	}

	SessionCookieSettings cookieSettings() {
		SessionProperties properties = this.properties;
		String sameSite = checkSameSite(properties.getSameSite());
		if ("None".equals(sameSite) && !properties.isSecure()) {
			throw new InvalidSessionPropertyException(PREFIX + "same-site",
					"is None while app.session.secure is false; browsers reject SameSite=None cookies that are not Secure",
					"Set app.session.secure to true (and serve the application over HTTPS), or use SameSite Lax.");
		}
		Duration maxAge = properties.getMaxAge();
		if (maxAge.isZero()) {
			throw new InvalidSessionPropertyException(PREFIX + "max-age", "is zero, so every session would expire at once",
					"Set app.session.max-age to a positive duration such as 30m or 14d, or a negative one for a "
							+ "browser-session cookie.");
		}
		Duration absoluteTimeout = properties.getAbsoluteTimeout();
		if (absoluteTimeout != null && (absoluteTimeout.isNegative() || absoluteTimeout.isZero())) {
			throw new InvalidSessionPropertyException(PREFIX + "absolute-timeout", "is " + absoluteTimeout
					+ ", but it must be positive", "Set app.session.absolute-timeout to a duration such as 12h, or remove it.");
		}
		checkCookieAttributes(properties);
		return new SessionCookieSettings(properties.getCookieName(), maxAge, absoluteTimeout, properties.isRolling(),
				properties.getPath(), properties.getDomain(), properties.isSecure(), properties.isHttpOnly(), sameSite);
	}

	/**
	 * Check the store property; with a {@code SessionStore} bean it does not matter.
	 */
	void checkStore(boolean storeBeanPresent, @Nullable ClassLoader classLoader) {
		if (storeBeanPresent) {
			return;
		}
		String store = this.properties.getStore();
		StoreRequirement requirement = STORES.get(store);
		if (requirement == null) {
			throw new InvalidSessionPropertyException(PREFIX + "store", "is '" + store + "', an unknown session store",
					"Set app.session.store to one of " + String.join(", ", STORES.keySet())
							+ ", or declare a SessionStore bean.");
		}
		if (requirement.className() != null
				&& !ClassUtils.isPresent(requirement.className(), classLoader)) {
			throw new InvalidSessionPropertyException(PREFIX + "store",
					"is '" + store + "', but " + requirement.library() + " is not on the classpath",
					"Add the dependency " + requirement.dependency() + " to the application.");
		}
	}

	/** Fails when the store property names a store whose bean could not be created. */
	void checkStoreCreated() {
		String store = this.properties.getStore();
		if (!"cookie".equals(store)) {
			String missing = switch (store) {
				case "redis" -> "a RedisConnectionFactory bean (Spring Boot creates one from spring.data.redis.*)";
				case "jdbc" -> "a single DataSource bean (Spring Boot creates one from spring.datasource.*)";
				default -> "the " + store + " store's dependencies";
			};
			throw new InvalidSessionPropertyException(PREFIX + "store",
					"is '" + store + "', but no " + store + " session store could be created: it needs " + missing,
					"Make sure the application has " + missing + ", or set app.session.store to another store.");
		}
	}

	String initializeSchema() {
		String mode = this.properties.getJdbc().getInitializeSchema();
		String normalized = mode.toLowerCase(Locale.ROOT);
		if (!Set.of("always", "embedded", "never").contains(normalized)) {
			throw new InvalidSessionPropertyException(PREFIX + "jdbc.initialize-schema", "is '" + mode + "'",
					"Set app.session.jdbc.initialize-schema to always, embedded (the default: embedded databases only) "
							+ "or never.");
		}
		return normalized;
	}

	private static Map<String, StoreRequirement> storeRequirements() {
		Map<String, StoreRequirement> stores = new LinkedHashMap<>();
		stores.put("cookie", new StoreRequirement(null, "", ""));
		stores.put("memory", new StoreRequirement("com.github.benmanes.caffeine.cache.Caffeine", "Caffeine",
				"com.github.ben-manes.caffeine:caffeine"));
		stores.put("file", new StoreRequirement(null, "", ""));
		stores.put("redis", new StoreRequirement("org.springframework.data.redis.connection.RedisConnectionFactory",
				"Spring Data Redis", "org.springframework.boot:spring-boot-starter-data-redis"));
		stores.put("jdbc", new StoreRequirement("org.springframework.jdbc.core.JdbcTemplate", "Spring JDBC",
				"org.springframework.boot:spring-boot-starter-jdbc (and the JDBC driver of the database)"));
		return stores;
	}

	private record StoreRequirement(@Nullable String className, String library, String dependency) {
	}

	private static String checkSameSite(String sameSite) {
		for (String value : SAME_SITE_VALUES) {
			if (value.equalsIgnoreCase(sameSite)) {
				return value;
			}
		}
		throw new InvalidSessionPropertyException(PREFIX + "same-site", "is '" + sameSite + "', not a SameSite value",
				"Set app.session.same-site to Strict, Lax (the default) or None.");
	}

	private static void checkCookieAttributes(SessionProperties properties) {
		try {
			ResponseCookie.from(properties.getCookieName(), "value").build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSessionPropertyException(PREFIX + "cookie-name",
					"is '" + properties.getCookieName() + "', not a valid cookie name: " + ex.getMessage(),
					"Set app.session.cookie-name to letters, digits and '-' or '_', such as 'session'.");
		}
		try {
			ResponseCookie.from(properties.getCookieName(), "value").path(properties.getPath()).build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSessionPropertyException(PREFIX + "path", "is not valid in a cookie: " + ex.getMessage(),
					"Set app.session.path to a path such as '/'.");
		}
		try {
			ResponseCookie.from(properties.getCookieName(), "value").domain(properties.getDomain()).build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSessionPropertyException(PREFIX + "domain", "is not valid in a cookie: " + ex.getMessage(),
					"Set app.session.domain to a host name such as 'example.com', or remove it.");
		}
	}

}
