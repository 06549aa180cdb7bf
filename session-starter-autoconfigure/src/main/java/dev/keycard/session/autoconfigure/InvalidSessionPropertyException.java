package dev.keycard.session.autoconfigure;

/**
 * Thrown at startup when an {@code app.session.*} property is missing or wrong, and turned
 * into a report that says what to do by {@link InvalidSessionPropertyFailureAnalyzer}.
 */
final class InvalidSessionPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the full property name, such as {@code app.session.secret}
	 * @param problem what is wrong, completing "Property 'name' ...": never the value of a
	 * secret
	 * @param action what to do about it
	 */
	InvalidSessionPropertyException(String property, String problem, String action) {
		super("Property '" + property + "' " + problem);
		this.property = property;
		this.action = action;
	}

	String getProperty() {
		return this.property;
	}

	String getAction() {
		return this.action;
	}

}
