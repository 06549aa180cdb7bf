package dev.keycard.session.web;

import org.jspecify.annotations.Nullable;

/**
 * Keeps objects of a type that is not a JSON value in Keycard's {@code HttpSession}, for code
 * that stores them there: Keycard provides converters for what Spring Security keeps in the
 * {@code HttpSession} (the security context, the CSRF token, the saved request, the OAuth2
 * authorization request, the last authentication failure). A converter turns a value into
 * JSON values (strings, numbers, booleans, lists and maps of those) and back; declare one as
 * a bean for a type of your own.
 *
 * <p>What a converter writes is kept under the attribute's name as a map that names the
 * converter, so a later request finds the converter again; a value a converter cannot read
 * (tampered, or written by an older version) must give {@code null}, never an exception: the
 * attribute then reads as absent.
 */
public interface HttpSessionAttributeConverter {

	/**
	 * Return the name this converter writes under: stable across releases, unique among
	 * converters.
	 * @return the name, such as {@code "spring-security-context"}
	 */
	String name();

	/**
	 * Whether this converter keeps the given value.
	 * @param value a value given to {@code HttpSession.setAttribute}
	 * @return whether {@link #write(Object)} can write it
	 */
	boolean canWrite(Object value);

	/**
	 * Turn a value into JSON values.
	 * @param value a value {@link #canWrite(Object) this converter keeps}
	 * @return strings, numbers, booleans, {@code null}, and lists and maps of those
	 */
	Object write(Object value);

	/**
	 * Turn what {@link #write(Object)} wrote back into a value.
	 * @param json what was written, as a later request reads it (maps, lists, strings, numbers)
	 * @return the value, or {@code null} if it cannot be read
	 */
	@Nullable Object read(Object json);

	/**
	 * Return whether the values this converter keeps say who is signed in: Spring Security's
	 * security context does. Keycard then files the session under that user when such a value
	 * is set (or takes it out of its user's sessions when it is removed or names nobody), so
	 * that it can be listed and revoked.
	 * @return {@code true} if {@link #principalOf(Object)} speaks for this converter's values
	 */
	default boolean namesPrincipal() {
		return false;
	}

	/**
	 * Return the user a value signs in, for a converter that {@link #namesPrincipal() names
	 * one}.
	 * @param value a value this converter keeps
	 * @return the user's name, or {@code null} if nobody is signed in (anonymous, or no
	 * authentication)
	 */
	default @Nullable String principalOf(Object value) {
		return null;
	}

}
