package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

/**
 * Encrypts tokens with AES-256-GCM: the client can neither read nor change the session. A
 * random 96-bit nonce is drawn for every token; the header and the cookie name are
 * authenticated as additional data.
 */
public final class EncryptedSessionCodec implements SessionCodec {

	private static final String AES_GCM = "AES/GCM/NoPadding";

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int TAG_LENGTH = TAG_BITS / 8;

	private final KeyRing keyRing;

	/** Nonces from random bytes drawn in batches: one draw of the default SecureRandom takes a lock. */
	private final RandomBytes random = new RandomBytes();

	/** Looking a Cipher up costs several times what encrypting a session with it does. */
	private final InstancePool<Cipher> ciphers = new InstancePool<>(EncryptedSessionCodec::newCipher);

	/**
	 * Create a codec that encrypts with the current key of a key ring and decrypts with all of
	 * them.
	 * @param keyRing the keys
	 */
	public EncryptedSessionCodec(KeyRing keyRing) {
		Assert.notNull(keyRing, "keyRing must not be null");
		this.keyRing = keyRing;
	}

	@Override
	public String encode(String cookieName, SessionToken token) {
		SessionKey key = this.keyRing.getCurrent();
		byte[] payload = token.payload();
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		ByteBuffer buffer = ByteBuffer
			.allocate(TokenFormat.HEADER_LENGTH + NONCE_LENGTH + payload.length + TAG_LENGTH);
		TokenFormat.writeHeader(buffer, TokenFormat.ENCRYPTED, key.getId(), cookieName, token);
		buffer.put(nonce);
		Cipher cipher = this.ciphers.borrow();
		try {
			init(cipher, Cipher.ENCRYPT_MODE, key, cookieName, buffer.array(), nonce);
			cipher.doFinal(payload, 0, payload.length, buffer.array(), TokenFormat.HEADER_LENGTH + NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM/NoPadding is required by every Java runtime", ex);
		}
		this.ciphers.giveBack(cipher);
		return TokenFormat.encode(buffer.array());
	}

	@Override
	public String getMode() {
		return "encrypted";
	}

	@Override
	public @Nullable SessionToken decode(String cookieName, String value, Instant now) {
		return decode(cookieName, value, now, SessionActivity.NONE);
	}

	@Override
	public @Nullable SessionToken decode(String cookieName, String value, Instant now, SessionActivity activity) {
		byte[] bytes = TokenFormat.decode(value);
		if (bytes == null || bytes.length < TokenFormat.HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH
				|| bytes[0] != TokenFormat.VERSION || bytes[1] != TokenFormat.ENCRYPTED) {
			activity.cookieRefused(TokenFormat.unreadable(value));
			return null;
		}
		ByteBuffer header = ByteBuffer.wrap(bytes, 0, TokenFormat.HEADER_LENGTH);
		int keyId = header.getInt(2);
		byte[] nonce = new byte[NONCE_LENGTH];
		System.arraycopy(bytes, TokenFormat.HEADER_LENGTH, nonce, 0, NONCE_LENGTH);
		int cipherTextOffset = TokenFormat.HEADER_LENGTH + NONCE_LENGTH;
		boolean knownKey = false;
		Cipher cipher = this.ciphers.borrow();
		try {
			for (SessionKey key : this.keyRing.getKeys()) {
				if (key.getId() != keyId) {
					continue;
				}
				knownKey = true;
				try {
					init(cipher, Cipher.DECRYPT_MODE, key, cookieName, bytes, nonce);
					byte[] payload = cipher.doFinal(bytes, cipherTextOffset, bytes.length - cipherTextOffset);
					return TokenFormat.readTimes(header, payload, key, key != this.keyRing.getCurrent(), now,
							activity);
				}
				catch (AEADBadTagException ex) {
					// Not this key, or tampered: try the next key with the same id, if any.
				}
			}
			activity.cookieRefused(knownKey
					? TokenFormat.failedVerification(bytes, TokenFormat.NAME_TAG_OFFSET, cookieName)
					: CookieRefusal.UNKNOWN_KEY);
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM/NoPadding is required by every Java runtime", ex);
		}
		finally {
			// Every use starts with init, whatever the last one left.
			this.ciphers.giveBack(cipher);
		}
	}

	/** How many Ciphers this codec has created, for tests that show reuse. */
	int ciphersCreated() {
		return this.ciphers.created();
	}

	private static void init(Cipher cipher, int mode, SessionKey key, String cookieName, byte[] token, byte[] nonce)
			throws GeneralSecurityException {
		cipher.init(mode, key.getEncryptionKey(), new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(TokenFormat.cookieNameBinding(cookieName));
		cipher.updateAAD(token, 0, TokenFormat.HEADER_LENGTH);
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance(AES_GCM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM/NoPadding is required by every Java runtime", ex);
		}
	}

}
