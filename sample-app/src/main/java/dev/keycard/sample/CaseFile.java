package dev.keycard.sample;

import java.util.List;

/**
 * A Gotham Police Department case, as the case list and the case pages show it.
 *
 * @param id the case number, as it appears in {@code /cases/{id}}
 * @param title what the case is about
 * @param summary the first lines of the file
 */
record CaseFile(String id, String title, String summary) {

	/** The open cases of the sample. */
	static final List<CaseFile> OPEN_CASES = List.of(
			new CaseFile("1", "Break-in at Ace Chemicals",
					"Vats tampered with overnight; a playing card left on the control desk."),
			new CaseFile("2", "Missing shipment at the Gotham docks",
					"Forty crates of Wayne Enterprises hardware unaccounted for at Pier 9."),
			new CaseFile("3", "Riddles on the GCPD switchboard",
					"Every call to the front desk since Monday has been answered with a riddle."),
			new CaseFile("7", "Frozen vault at the Gotham Diamond Exchange",
					"The vault door iced shut from the inside; the diamonds are gone."),
			new CaseFile("13", "Fear gas at Arkham Asylum", "Two orderlies found in a panic; traces of an unknown toxin."),
			new CaseFile("39", "Blackout in the Narrows",
					"The substation was switched off by hand; the night watchman saw a bat."));

	/**
	 * Return the case with a number, or an unfiled case under that number.
	 * @param id the case number
	 * @return the case
	 */
	static CaseFile of(String id) {
		return OPEN_CASES.stream()
			.filter((caseFile) -> caseFile.id().equals(id))
			.findFirst()
			.orElseGet(() -> new CaseFile(id, "Unfiled case " + id, "No summary has been filed for this case yet."));
	}

}
