package dev.keycard.session.codec;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

/**
 * Turns a {@link SessionToken} into a cookie value and back. Keycard provides a signed
 * ({@link SignedSessionCodec}) and an encrypted ({@link EncryptedSessionCodec}) codec; declare
 * a {@code SessionCodec} bean to use another.
 *
 * <p>An implementation must authenticate everything it decodes, including the cookie name,
 * so that a value cannot be moved to another cookie, and must refuse expired tokens.
 */
public interface SessionCodec {

	/**
	 * Longest cookie browsers keep, name, value and attributes together, in bytes: longer
	 * values are never decoded, and a session whose {@code Set-Cookie} header would be longer
	 * is refused with {@code SessionTooLargeException}.
	 */
	int MAX_COOKIE_LENGTH = 4096;

	/**
	 * Encode a token as a cookie value.
	 * @param cookieName the name of the cookie the value is for
	 * @param token the token
	 * @return a value made of cookie-safe characters
	 */
	String encode(String cookieName, SessionToken token);

	/**
	 * Decode and verify a cookie value. Never throws for bad input: whatever the client sent,
	 * the answer is a verified token or {@code null}.
	 * @param cookieName the name of the cookie the value came in
	 * @param value the cookie value
	 * @param now the current time, to refuse expired tokens
	 * @return the verified token, or {@code null} if the value is not a valid, unexpired
	 * token issued for this cookie under a known key
	 */
	@Nullable SessionToken decode(String cookieName, String value, Instant now);

	/**
	 * Return what this codec does to a session, for the startup log and the {@code keycard}
	 * actuator endpoint: Keycard's codecs are {@code signed} and {@code encrypted}.
	 * @return the mode; by default the simple name of the class
	 */
	default String getMode() {
		return getClass().getSimpleName();
	}

	/**
	 * Decode and verify a cookie value, and tell an activity why a value was refused or under
	 * which key it was made. Keycard's codecs give the reason; by default a refused value is
	 * {@link CookieRefusal#INVALID}.
	 * @param cookieName the name of the cookie the value came in
	 * @param value the cookie value
	 * @param now the current time, to refuse expired tokens
	 * @param activity what is told
	 * @return the verified token, or {@code null}
	 */
	default @Nullable SessionToken decode(String cookieName, String value, Instant now, SessionActivity activity) {
		SessionToken token = decode(cookieName, value, now);
		if (token == null) {
			activity.cookieRefused(CookieRefusal.INVALID);
		}
		return token;
	}

}
