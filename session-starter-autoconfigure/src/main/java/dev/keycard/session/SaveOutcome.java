package dev.keycard.session;

/**
 * What the end of a request did with a session it read.
 */
public enum SaveOutcome {

	/** Its content changed and was written. */
	WRITTEN,

	/** Nothing had to be written. */
	UNCHANGED,

	/** Its content was the same, but its cookie was issued again: a rolling refresh, or a cookie under an old key. */
	REFRESHED,

	/** Refused with {@link SessionTooLargeException}; the stored session stayed as it was. */
	TOO_LARGE,

	/** Not written because the response had committed before the change, so no cookie could be sent. */
	TOO_LATE

}
