package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

/**
 * Signs server-side session ids for the cookie, and hashes them into store keys. A forged or
 * garbled id is rejected before any store round trip, and a store holds only hashes, so that
 * nothing in a store can be replayed as a cookie.
 *
 * <pre>
 * offset  size  field
 *      0     1  format version (1)
 *      1     1  mode (3: session id)
 *      2     4  key id
 *      6     2  cookie name tag (see TokenFormat)
 *      8    32  session id, random
 *     40    32  HMAC-SHA256 over the cookie name and the bytes above
 * </pre>
 */
public final class SessionIdCodec {

	/** Length of a session id in bytes: 256 random bits. */
	public static final int ID_LENGTH = 32;

	static final byte SESSION_ID = 3;

	private static final int NAME_TAG_OFFSET = 6;

	private static final int HEADER_LENGTH = 8;

	private static final int MAC_LENGTH = 32;

	private static final int TOKEN_LENGTH = HEADER_LENGTH + ID_LENGTH + MAC_LENGTH;

	/** Base64url characters of a token: 72 bytes, a multiple of three, need no padding. */
	private static final int ENCODED_TOKEN_LENGTH = TOKEN_LENGTH / 3 * 4;

	private static final Base64.Encoder KEY_ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** Reused: looking a digest up costs more than hashing an id with it. */
	private static final InstancePool<MessageDigest> SHA_256 = new InstancePool<>(SessionIdCodec::newSha256);

	private final KeyRing keyRing;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Create a codec that signs with the current key of a key ring and verifies with all of
	 * them.
	 * @param keyRing the keys
	 */
	public SessionIdCodec(KeyRing keyRing) {
		Assert.notNull(keyRing, "keyRing must not be null");
		this.keyRing = keyRing;
	}

	/**
	 * Draw a new random session id.
	 * @return {@value #ID_LENGTH} random bytes
	 */
	public byte[] newId() {
		byte[] id = new byte[ID_LENGTH];
		this.random.nextBytes(id);
		return id;
	}

	/**
	 * Sign a session id for a cookie.
	 * @param cookieName the name of the cookie
	 * @param id the session id
	 * @return the cookie value
	 */
	public String encode(String cookieName, byte[] id) {
		Assert.isTrue(id.length == ID_LENGTH, "A session id is " + ID_LENGTH + " bytes");
		SessionKey key = this.keyRing.getCurrent();
		ByteBuffer buffer = ByteBuffer.allocate(TOKEN_LENGTH)
			.put(TokenFormat.VERSION)
			.put(SESSION_ID)
			.putInt(key.getId())
			.put(TokenFormat.cookieName(cookieName).tag())
			.put(id);
		byte[] bytes = buffer.array();
		System.arraycopy(mac(key, cookieName, bytes), 0, bytes, HEADER_LENGTH + ID_LENGTH, MAC_LENGTH);
		return TokenFormat.encode(bytes);
	}

	/**
	 * Return whether a cookie value has the shape of a signed session id rather than of a whole
	 * session: its length and its mode byte. Verifies nothing; {@link #decode} does.
	 * @param value the cookie value
	 * @return whether it may be a session id
	 */
	public static boolean isSessionIdShaped(String value) {
		if (value.length() != ENCODED_TOKEN_LENGTH) {
			return false;
		}
		try {
			return Base64.getUrlDecoder().decode(value.substring(0, 4))[1] == SESSION_ID;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Verify a cookie value. Never throws for bad input.
	 * @param cookieName the name of the cookie the value came in
	 * @param value the cookie value
	 * @return the verified id, or {@code null} if the value is not a session id signed for
	 * this cookie under a known key
	 */
	public @Nullable VerifiedId decode(String cookieName, String value) {
		return decode(cookieName, value, SessionActivity.NONE);
	}

	/**
	 * Verify a cookie value, and tell an activity why a value was refused or under which key
	 * it was made. Never throws for bad input.
	 * @param cookieName the name of the cookie the value came in
	 * @param value the cookie value
	 * @param activity what is told
	 * @return the verified id, or {@code null}
	 */
	public @Nullable VerifiedId decode(String cookieName, String value, SessionActivity activity) {
		byte[] bytes = TokenFormat.decode(value);
		if (bytes == null || bytes.length != TOKEN_LENGTH || bytes[0] != TokenFormat.VERSION
				|| bytes[1] != SESSION_ID) {
			activity.cookieRefused(TokenFormat.unreadable(value));
			return null;
		}
		int keyId = ByteBuffer.wrap(bytes).getInt(2);
		byte[] receivedMac = Arrays.copyOfRange(bytes, HEADER_LENGTH + ID_LENGTH, TOKEN_LENGTH);
		boolean knownKey = false;
		for (SessionKey key : this.keyRing.getKeys()) {
			if (key.getId() == keyId) {
				knownKey = true;
				if (MessageDigest.isEqual(mac(key, cookieName, bytes), receivedMac)) {
					activity.cookieAccepted(keyId);
					return new VerifiedId(Arrays.copyOfRange(bytes, HEADER_LENGTH, HEADER_LENGTH + ID_LENGTH),
							key != this.keyRing.getCurrent());
				}
			}
		}
		activity.cookieRefused(
				knownKey ? TokenFormat.failedVerification(bytes, NAME_TAG_OFFSET, cookieName) : CookieRefusal.UNKNOWN_KEY);
		return null;
	}

	/**
	 * Return the key a store keeps a session under: the SHA-256 hash of its id, Base64url
	 * encoded (43 characters, safe in file names, SQL parameters and Redis keys).
	 * @param id the session id
	 * @return the store key
	 */
	public static String storeKey(byte[] id) {
		MessageDigest sha256 = SHA_256.borrow();
		// digest() leaves the instance reset for the next id.
		byte[] hash = sha256.digest(id);
		SHA_256.giveBack(sha256);
		return KEY_ENCODER.encodeToString(hash);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

	private static byte[] mac(SessionKey key, String cookieName, byte[] bytes) {
		Mac mac = key.sessionIdMacs().borrow();
		mac.update(TokenFormat.cookieNameBinding(cookieName));
		mac.update(bytes, 0, HEADER_LENGTH + ID_LENGTH);
		byte[] result = mac.doFinal();
		key.sessionIdMacs().giveBack(mac);
		return result;
	}

	/**
	 * A session id whose signature was verified.
	 *
	 * @param id the session id
	 * @param issuedUnderPreviousKey whether it was signed with a previous secret and should be
	 * re-issued
	 */
	public record VerifiedId(byte[] id, boolean issuedUnderPreviousKey) {
	}

}
