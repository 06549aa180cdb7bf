package dev.keycard.session.autoconfigure;

/**
 * Thrown at startup when Keycard's configuration is missing or wrong (a property, or the beans
 * an application declared), and turned into a report that says what happened and what to do
 * by {@link InvalidSessionConfigurationFailureAnalyzer}.
 */
final class InvalidSessionConfigurationException extends RuntimeException {

	static final String PREFIX = "app.session.";

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong: never the value of a secret
	 * @param action what to do about it
	 */
	InvalidSessionConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Create an exception for a property.
	 * @param property the property name after {@code app.session.}, such as {@code secret}
	 * @param problem what is wrong, completing "Property 'app.session.name' ...": never the
	 * value of a secret
	 * @param action what to do about it
	 * @return the exception
	 */
	static InvalidSessionConfigurationException property(String property, String problem, String action) {
		return new InvalidSessionConfigurationException("Property '" + PREFIX + property + "' " + problem, action);
	}

	String getAction() {
		return this.action;
	}

}
