package dev.keycard.session.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 *     30     …  mode-specific body
 * </pre>
 *
 * The whole header is authenticated, and so is the cookie name, which is not in the token but
 * bound to it by {@link #cookieNameBinding(String)}.
 */
final class TokenFormat {

	static final byte VERSION = 1;

	static final byte SIGNED = 1;

	static final byte ENCRYPTED = 2;

	static final int HEADER_LENGTH = 30;


	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final String BASE64URL_LAST_CHARACTERS_OF_2 = "AQgw";

	private static final String BASE64URL_LAST_CHARACTERS_OF_3 = "AEIMQUYcgkosw048";

	private TokenFormat() {
	}

	static void writeHeader(ByteBuffer buffer, byte mode, int keyId, SessionToken token) {
		buffer.put(VERSION)
			.put(mode)
			.putInt(keyId)
			.putLong(token.createdAt().getEpochSecond())
			.putLong(token.issuedAt().getEpochSecond())
			.putLong(token.expiresAt().getEpochSecond());
	}

	/** Return the bytes that bind a token to its cookie name, authenticated before the token. */
	static byte[] cookieNameBinding(String cookieName) {
		byte[] name = cookieName.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array();
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

}
