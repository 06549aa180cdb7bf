package dev.keycard.session.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The keys Keycard accepts: the current one, which issues every token, and previous ones,
 * which only verify, so that a secret can be rotated without signing every user out. A token
 * verified under a previous key is re-issued under the current one.
 */
public final class KeyRing {

	/** Shortest secret accepted, in UTF-8 bytes: 256 bits. */
	public static final int MINIMUM_SECRET_LENGTH = 32;

	private final SessionKey current;

	private final List<SessionKey> keys;

	private KeyRing(SessionKey current, List<SessionKey> keys) {
		this.current = current;
		this.keys = keys;
	}

	/**
	 * Create a key ring.
	 * @param secret the current secret, at least {@value #MINIMUM_SECRET_LENGTH} UTF-8 bytes
	 * @param previousSecrets secrets that are still accepted for reading
	 * @return the key ring
	 */
	public static KeyRing of(String secret, List<String> previousSecrets) {
		Assert.notNull(secret, "secret must not be null");
		Assert.notNull(previousSecrets, "previousSecrets must not be null");
		Set<String> secrets = new LinkedHashSet<>();
		secrets.add(secret);
		secrets.addAll(previousSecrets);
		List<SessionKey> keys = new ArrayList<>();
		for (String each : secrets) {
			Assert.isTrue(each.getBytes(StandardCharsets.UTF_8).length >= MINIMUM_SECRET_LENGTH,
					() -> "Session secrets must be at least " + MINIMUM_SECRET_LENGTH + " bytes long");
			keys.add(SessionKey.derive(each));
		}
		return new KeyRing(keys.get(0), Collections.unmodifiableList(keys));
	}

	/**
	 * Return the key that issues tokens.
	 * @return the current key
	 */
	public SessionKey getCurrent() {
		return this.current;
	}

	/**
	 * Return every key accepted for reading, the current one first.
	 * @return the keys
	 */
	public List<SessionKey> getKeys() {
		return this.keys;
	}

}
