package dev.keycard.session.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report Keycard's failure analyzer gives a startup failure, as a user reads it.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Return the report of a failure, which must be one of Keycard's configuration errors.
	 * @param failure the startup failure
	 * @return the report: what is wrong and what to do
	 */
	static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidSessionConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

}
