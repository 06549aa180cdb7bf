package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

/**
 * The binary layout shared by signed and encrypted tokens, Base64url-encoded without padding:
 *
 * <pre>
 * offset  size  field
 *      0     1  format version (1)
 *      1     1  mode (1 signed, 2 encrypted)
 *      2     4  key id
 *      6     8  created at, epoch seconds
 *     14     8  issued at, epoch seconds
 *     22     8  expires at, epoch seconds
 *     30     2  cookie name tag: the first two bytes of SHA-256 of the cookie name
 *     32     …  mode-specific body
 * </pre>
 *
 * The whole header is authenticated, and so is the cookie name itself, bound to the token by
 * {@link #cookieNameBinding(String)}. The tag only tells why a token that fails verification
 * was refused: one made for another cookie name, or one that was changed.
 */
final class TokenFormat {

	static final byte VERSION = 1;

	static final byte SIGNED = 1;

	static final byte ENCRYPTED = 2;

	static final int HEADER_LENGTH = 32;

	static final int NAME_TAG_OFFSET = 30;

	static final int NAME_TAG_LENGTH = 2;

	/** The binding and tag of the last cookie name seen: an application has one. */
	private static volatile CookieName lastCookieName = new CookieName("");


	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final String BASE64URL_LAST_CHARACTERS_OF_2 = "AQgw";

	private static final String BASE64URL_LAST_CHARACTERS_OF_3 = "AEIMQUYcgkosw048";

	private TokenFormat() {
	}

	static void writeHeader(ByteBuffer buffer, byte mode, int keyId, String cookieName, SessionToken token) {
		buffer.put(VERSION)
			.put(mode)
			.putInt(keyId)
			.putLong(token.createdAt().getEpochSecond())
			.putLong(token.issuedAt().getEpochSecond())
			.putLong(token.expiresAt().getEpochSecond())
			.put(cookieName(cookieName).tag());
	}

	/** Return the bytes that bind a token to its cookie name, authenticated before the token. */
	static byte[] cookieNameBinding(String cookieName) {
		return cookieName(cookieName).binding();
	}

	/**
	 * The reason to give for a token made under a known key that failed verification: made for
	 * another cookie name if its tag says so, changed otherwise.
	 * @param token the token's bytes
	 * @param tagOffset where its cookie name tag is
	 * @param cookieName the name of the cookie it came in
	 */
	static CookieRefusal failedVerification(byte[] token, int tagOffset, String cookieName) {
		byte[] tag = cookieName(cookieName).tag();
		boolean sameName = token[tagOffset] == tag[0] && token[tagOffset + 1] == tag[1];
		return sameName ? CookieRefusal.BAD_SIGNATURE : CookieRefusal.OTHER_COOKIE_NAME;
	}

	static CookieName cookieName(String name) {
		CookieName last = lastCookieName;
		if (!last.name().equals(name)) {
			last = new CookieName(name);
			lastCookieName = last;
		}
		return last;
	}

	static String encode(byte[] token) {
		return ENCODER.encodeToString(token);
	}

	/**
	 * Decode Base64url text, accepting only the canonical form this class writes: no padding,
	 * no other characters, and zero unused bits, so that no two texts decode to one token.
	 */
	static byte @Nullable [] decode(String value) {
		int length = value.length();
		if (length == 0 || length > SessionCodec.MAX_COOKIE_LENGTH || length % 4 == 1 || value.indexOf('=') >= 0) {
			return null;
		}
		char last = value.charAt(length - 1);
		if ((length % 4 == 2 && BASE64URL_LAST_CHARACTERS_OF_2.indexOf(last) < 0)
				|| (length % 4 == 3 && BASE64URL_LAST_CHARACTERS_OF_3.indexOf(last) < 0)) {
			return null;
		}
		try {
			// Without padding, the decoder refuses every character outside the Base64url alphabet.
			return DECODER.decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The refusal of a value that is not a token, before any cryptography: too long to be a
	 * cookie, or not in this format.
	 */
	static CookieRefusal unreadable(String value) {
		return (value.length() > SessionCodec.MAX_COOKIE_LENGTH) ? CookieRefusal.TOO_LARGE : CookieRefusal.MALFORMED;
	}

	/** Read the times of a verified header and refuse a token that is expired or inconsistent. */
	static @Nullable SessionToken readTimes(ByteBuffer header, byte[] payload, SessionKey key, boolean previousKey,
			Instant now, SessionActivity activity) {
		long createdAt = header.getLong(6);
		long issuedAt = header.getLong(14);
		long expiresAt = header.getLong(22);
		if (createdAt > issuedAt || issuedAt > expiresAt || expiresAt <= now.getEpochSecond()) {
			activity.cookieRefused(CookieRefusal.EXPIRED);
			return null;
		}
		activity.cookieAccepted(key.getId());
		return new SessionToken(Instant.ofEpochSecond(createdAt), Instant.ofEpochSecond(issuedAt),
				Instant.ofEpochSecond(expiresAt), payload, previousKey);
	}

	/** A cookie name with what tokens made for it carry and are authenticated with. */
	record CookieName(String name, byte[] binding, byte[] tag) {

		CookieName(String name) {
			this(name, binding(name), tag(name));
		}

		private static byte[] binding(String name) {
			byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
			return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
		}

		private static byte[] tag(String name) {
			try {
				byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
				return Arrays.copyOf(hash, NAME_TAG_LENGTH);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
			}
		}

	}

}
