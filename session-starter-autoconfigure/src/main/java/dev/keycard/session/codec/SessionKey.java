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
	private final InstancePool<Mac> signingMacs;

	private final InstancePool<Mac> sessionIdMacs;

	private SessionKey(byte[] secret) {
		this.id = ByteBuffer.wrap(Hkdf.derive(secret, LABEL_PREFIX + "key id", 4)).getInt();
		this.signingKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "cookie signing", 32), "HmacSHA256");
		this.encryptionKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "cookie encryption", 32), "AES");
		this.sessionIdKey = new SecretKeySpec(Hkdf.derive(secret, LABEL_PREFIX + "session id signing", 32), "HmacSHA256");
		this.signingMacs = new InstancePool<>(() -> newMac(this.signingKey));
		this.sessionIdMacs = new InstancePool<>(() -> newMac(this.sessionIdKey));
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

	/** HMAC-SHA256 instances over the signing key, each reset and ready when borrowed. */
	InstancePool<Mac> signingMacs() {
		return this.signingMacs;
	}

	/** HMAC-SHA256 instances over the session id key, each reset and ready when borrowed. */
	InstancePool<Mac> sessionIdMacs() {
		return this.sessionIdMacs;
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
	SecretKey getSigningKey() {
		return this.signingKey;
	}

	/**
	 * Return the AES-256 key that encrypts cookie tokens.
	 * @return the encryption key
	 */
	SecretKey getEncryptionKey() {
		return this.encryptionKey;
	}

	/**
	 * Return the HMAC-SHA256 key that signs server-side session ids.
	 * @return the session id key
	 */
	SecretKey getSessionIdKey() {
		return this.sessionIdKey;
	}

	@Override
	public String toString() {
		return "SessionKey[id=" + Integer.toHexString(this.id) + "]";
	}

}
