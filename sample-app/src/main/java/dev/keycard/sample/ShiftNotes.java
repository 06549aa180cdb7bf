package dev.keycard.sample;

import java.util.ArrayList;
import java.util.List;

import dev.keycard.session.Session;

/**
 * The officer's shift notes, a list kept in the session under {@value #SESSION_KEY}. On the
 * cookie store the limits keep the whole session within the 4096 bytes of a cookie, even with
 * notes of three-byte characters only: the latest {@value #MAX_NOTES} notes of at most
 * {@value #MAX_LENGTH} characters are kept. With an overflow store the session may outgrow its
 * cookie, and {@value #MAX_NOTES_WITH_OVERFLOW} are kept: enough to see it move.
 */
final class ShiftNotes {

	/** Session key of the list of notes, oldest first. */
	static final String SESSION_KEY = "notes";

	/** Most characters in one note. */
	static final int MAX_LENGTH = 120;

	/** Most notes kept: a new note beyond that drops the oldest. */
	static final int MAX_NOTES = 5;

	/** Most notes kept when sessions move to a store as they outgrow their cookie. */
	static final int MAX_NOTES_WITH_OVERFLOW = 50;

	private ShiftNotes() {
	}

	/**
	 * Return the notes of a session.
	 * @param session the session
	 * @return the notes, oldest first
	 */
	static List<String> of(Session session) {
		List<String> notes = new ArrayList<>();
		if (session.get(SESSION_KEY) instanceof List<?> stored) {
			stored.forEach((note) -> notes.add(String.valueOf(note)));
		}
		return notes;
	}

	/**
	 * Add a note to a session, dropping the oldest beyond a number.
	 * @param session the session
	 * @param note the note, of at most {@value #MAX_LENGTH} characters
	 * @param maxNotes how many notes are kept
	 */
	static void add(Session session, String note, int maxNotes) {
		if (note.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("A note has at most " + MAX_LENGTH + " characters");
		}
		List<String> notes = of(session);
		notes.add(note);
		session.put(SESSION_KEY, List.copyOf(notes.subList(Math.max(0, notes.size() - maxNotes), notes.size())));
	}

}
