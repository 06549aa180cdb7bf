package dev.keycard.session.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.codec.KeyRing;

/**
 * Builds the {@link KeyRing} from {@code app.session.secret} and
 * {@code app.session.previous-secrets}, refusing a secret anyone could guess with a report that
 * names the rule it broke, never the secret.
 */
final class SessionSecretValidator {

	private static final String GENERATE_SECRET = "Generate a secret with 'openssl rand -base64 32' and set it as "
			+ "app.session.secret, for example through the SESSION_SECRET environment variable "
			+ "(app.session.secret: ${SESSION_SECRET}). Keep it stable across restarts and identical on every instance.";

	/** Words of secrets copied from documentation rather than generated. */
	private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "change_me",
			"change-in-production", "your-", "your_", "placeholder", "example", "replace-me", "replace-with",
			"secret-key", "secret_key", "secretkey", "mysecret", "my-secret", "my_secret", "supersecret",
			"super-secret", "super_secret", "insecure", "do-not-use", "donotuse", "dummy", "password", "default",
			"qwerty", "openssl");

	/** A property placeholder Spring left as it was, because nothing defines its name. */
	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

	private static final int MINIMUM_DISTINCT_CHARACTERS = 8;

	/** Longest run of consecutive characters, such as {@code 1234567}, kept in a generated secret. */
	private static final int LONGEST_SEQUENCE = 7;

	/**
	 * Least share of distinct three-character pieces: a generated secret almost never repeats
	 * one, a phrase repeated to reach the length ({@code mysecretmysecret...}) mostly does.
	 */
	private static final double MINIMUM_DISTINCT_TRIGRAMS = 2.0 / 3;

	private SessionSecretValidator() {
	}

	static KeyRing keyRing(SessionProperties properties) {
		String secret = properties.getSecret();
		if (secret == null || secret.isBlank()) {
			throw InvalidSessionConfigurationException.property("secret",
					"is not set; Keycard needs it to sign sessions", GENERATE_SECRET);
		}
		check("secret", secret);
		List<String> previousSecrets = properties.getPreviousSecrets();
		for (int i = 0; i < previousSecrets.size(); i++) {
			check("previous-secrets[" + i + "]", previousSecrets.get(i));
		}
		return KeyRing.of(secret, previousSecrets);
	}

	private static void check(String property, @Nullable String secret) {
		String problem = problemOf((secret != null) ? secret : "");
		if (problem != null) {
			throw InvalidSessionConfigurationException.property(property, problem, GENERATE_SECRET);
		}
	}

	/** What makes a secret unfit, completing "Property 'x' ...", or {@code null} if it is fit. */
	private static @Nullable String problemOf(String secret) {
		Matcher placeholder = UNRESOLVED_PLACEHOLDER.matcher(secret.strip());
		if (placeholder.matches()) {
			String name = placeholder.group(1);
			return "is the placeholder '${" + name + "}', and nothing sets " + name
					+ ": the environment variable or property " + name + " is not set";
		}
		int length = secret.getBytes(StandardCharsets.UTF_8).length;
		if (length < KeyRing.MINIMUM_SECRET_LENGTH) {
			return "is " + length + " bytes long, shorter than the " + KeyRing.MINIMUM_SECRET_LENGTH
					+ " bytes a session secret needs";
		}
		String lowerCase = secret.toLowerCase(Locale.ROOT);
		for (String word : PLACEHOLDER_WORDS) {
			if (lowerCase.contains(word)) {
				return "contains '" + word + "', a word of example secrets copied from documentation; anyone who "
						+ "has read the same text can forge sessions";
			}
		}
		long distinct = secret.chars().distinct().count();
		if (distinct < MINIMUM_DISTINCT_CHARACTERS) {
			return "uses only " + distinct + " distinct characters, fewer than the " + MINIMUM_DISTINCT_CHARACTERS
					+ " of any generated secret";
		}
		int run = longestSequence(lowerCase);
		if (run > LONGEST_SEQUENCE) {
			return "contains a run of " + run + " consecutive characters (like 0123456789 or abcdefgh), which a "
					+ "generated secret practically never has";
		}
		if (isRepetitive(secret)) {
			return "repeats the same pieces over and over (like mysecretmysecret), which a generated secret never does";
		}
		return null;
	}

	private static int longestSequence(String secret) {
		int longest = 1;
		int ascending = 1;
		int descending = 1;
		for (int i = 1; i < secret.length(); i++) {
			int step = secret.charAt(i) - secret.charAt(i - 1);
			ascending = (step == 1) ? ascending + 1 : 1;
			descending = (step == -1) ? descending + 1 : 1;
			longest = Math.max(longest, Math.max(ascending, descending));
		}
		return longest;
	}

	private static boolean isRepetitive(String secret) {
		int trigrams = secret.length() - 2;
		Set<String> distinct = new HashSet<>();
		for (int i = 0; i < trigrams; i++) {
			distinct.add(secret.substring(i, i + 3));
		}
		return distinct.size() < trigrams * MINIMUM_DISTINCT_TRIGRAMS;
	}

}
