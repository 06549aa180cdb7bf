package dev.keycard.sample;

import java.util.regex.Pattern;

/**
 * Text typed by a user, made fit to keep in the session: one line, without control
 * characters, which JSON would store as six bytes each, and without surrounding spaces.
 */
final class UserText {

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}+");

	private UserText() {
	}

	/**
	 * Return the text on one line: control characters (line breaks included) become a space.
	 * @param text the text as typed
	 * @return the text, trimmed
	 */
	static String singleLine(String text) {
		return CONTROL_CHARACTERS.matcher(text).replaceAll(" ").strip();
	}

}
