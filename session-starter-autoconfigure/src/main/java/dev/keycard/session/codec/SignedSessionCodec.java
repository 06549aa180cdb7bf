package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

/**
 * Signs tokens with HMAC-SHA256: the client can read the session (it is Base64url-encoded
 * JSON) but cannot change it. The MAC covers the cookie name, the whole header (format version,
 * key id, times, cookie name tag) and the payload, and is compared in constant time.
 */
public final class SignedSessionCodec implements SessionCodec {

	private static final int MAC_LENGTH = 32;

	private final KeyRing keyRing;

	/**
	 * Create a codec that signs with the current key of a key ring and verifies with all of
	 * them.
	 * @param keyRing the keys
	 */
	public SignedSessionCodec(KeyRing keyRing) {
		Assert.notNull(keyRing, "keyRing must not be null");
		this.keyRing = keyRing;
	}

	@Override
	public String encode(String cookieName, SessionToken token) {
		SessionKey key = this.keyRing.getCurrent();
		byte[] payload = token.payload();
		ByteBuffer buffer = ByteBuffer.allocate(TokenFormat.HEADER_LENGTH + payload.length + MAC_LENGTH);
		TokenFormat.writeHeader(buffer, TokenFormat.SIGNED, key.getId(), cookieName, token);
		buffer.put(payload);
		byte[] bytes = buffer.array();
		Mac mac = macOf(key, cookieName, bytes, bytes.length - MAC_LENGTH);
		try {
			mac.doFinal(bytes, bytes.length - MAC_LENGTH);
		}
		catch (ShortBufferException ex) {
			throw new IllegalStateException("The token has room for the MAC", ex);
		}
		key.signingMacs().giveBack(mac);
		return TokenFormat.encode(bytes);
	}

	@Override
	public String getMode() {
		return "signed";
	}

	@Override
	public @Nullable SessionToken decode(String cookieName, String value, Instant now) {
		return decode(cookieName, value, now, SessionActivity.NONE);
	}

	@Override
	public @Nullable SessionToken decode(String cookieName, String value, Instant now, SessionActivity activity) {
		byte[] bytes = TokenFormat.decode(value);
		if (bytes == null || bytes.length < TokenFormat.HEADER_LENGTH + MAC_LENGTH || bytes[0] != TokenFormat.VERSION
				|| bytes[1] != TokenFormat.SIGNED) {
			activity.cookieRefused(TokenFormat.unreadable(value));
			return null;
		}
		ByteBuffer header = ByteBuffer.wrap(bytes, 0, TokenFormat.HEADER_LENGTH);
		int keyId = header.getInt(2);
		int signedLength = bytes.length - MAC_LENGTH;
		byte[] receivedMac = Arrays.copyOfRange(bytes, signedLength, bytes.length);
		boolean knownKey = false;
		for (SessionKey key : this.keyRing.getKeys()) {
			if (key.getId() == keyId) {
				knownKey = true;
				if (MessageDigest.isEqual(mac(key, cookieName, bytes, signedLength), receivedMac)) {
					byte[] payload = Arrays.copyOfRange(bytes, TokenFormat.HEADER_LENGTH, signedLength);
					return TokenFormat.readTimes(header, payload, key, key != this.keyRing.getCurrent(), now, activity);
				}
			}
		}
		activity.cookieRefused(knownKey ? TokenFormat.failedVerification(bytes, TokenFormat.NAME_TAG_OFFSET, cookieName)
				: CookieRefusal.UNKNOWN_KEY);
		return null;
	}

	private static byte[] mac(SessionKey key, String cookieName, byte[] bytes, int length) {
		Mac mac = macOf(key, cookieName, bytes, length);
		byte[] result = mac.doFinal();
		key.signingMacs().giveBack(mac);
		return result;
	}

	/** Return a borrowed MAC, fed with the cookie name and the signed bytes: only doFinal is left. */
	private static Mac macOf(SessionKey key, String cookieName, byte[] bytes, int length) {
		Mac mac = key.signingMacs().borrow();
		mac.update(TokenFormat.cookieNameBinding(cookieName));
		mac.update(bytes, 0, length);
		return mac;
	}

}
