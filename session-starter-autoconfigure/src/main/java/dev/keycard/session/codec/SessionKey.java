package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from one secret, one per purpose, and the public id that tells which
 * secret issued a token. Deriving separate keys means a signing key is never used to encrypt,
 * and the id reveals nothing about the secret.
 */
public final class SessionKey {

	private static final String LABEL_PREFIX = "keycard/v1 ";

	private final int id;

	private final SecretKey signingKey;

	private final SecretKey encryptionKey;

	private final SecretKey sessionIdKey;

	/** Macs are not thread-safe, and setting one up costs more than using it. */
	private final ThreadLocal<Mac> signingMac;

	private final ThreadLocal<Mac> sessionIdMac;

	private SessionKey(byte[] secret) {
		this.id = ByteBuffer.wrap(Hkdf.derive(secret, LABEL_PREFIX + "key id", 4)).getInt();
		this.signingKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "cookie signing", 32), "HmacSHA256");
		this.encryptionKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "cookie encryption", 32), "AES");
		this.sessionIdKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "session id signing", 32), "HmacSHA256");
		this.signingMac = ThreadLocal.withInitial(() -> newMac(this.signingKey));
		this.sessionIdMac = ThreadLocal.withInitial(() -> newMac(this.sessionIdKey));
	}

	private static Mac newMac(SecretKey key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java runtime", ex);
		}
	}

	/** Return this thread's HMAC-SHA256 over the signing key, reset and ready. */
	Mac signingMac() {
		return this.signingMac.get();
	}

	/** Return this thread's HMAC-SHA256 over the session id key, reset and ready. */
	Mac sessionIdMac() {
		return this.sessionIdMac.get();
	}

	/**
	 * Derive the keys of a secret.
	 * @param secret the secret, used as UTF-8 bytes
	 * @return the keys
	 */
	public static SessionKey derive(String secret) {
		return new SessionKey(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the public id of this key, written into every token it issues.
	 * @return the key id
	 */
	public int getId() {
		return this.id;
	}

	/**
	 * Return the HMAC-SHA256 key that signs cookie tokens.
	 * @return the signing key
	 */
	public SecretKey getSigningKey() {
		return this.signingKey;
	}

	/**
	 * Return the AES-256 key that encrypts cookie tokens.
	 * @return the encryption key
	 */
	public SecretKey getEncryptionKey() {
		return this.encryptionKey;
	}

	/**
	 * Return the HMAC-SHA256 key that signs server-side session ids.
	 * @return the session id key
	 */
	public SecretKey getSessionIdKey() {
		return this.sessionIdKey;
	}

	@Override
	public String toString() {
		return "SessionKey[id=" + Integer.toHexString(this.id) + "]";
	}

}
