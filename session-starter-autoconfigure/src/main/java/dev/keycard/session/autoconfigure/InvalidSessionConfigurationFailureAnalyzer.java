package dev.keycard.session.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports wrong Keycard configuration as what happened and what to do, instead of a stack
 * trace.
 */
class InvalidSessionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSessionConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSessionConfigurationException cause) {
		return new FailureAnalysis("Keycard sessions cannot start. " + cause.getMessage() + ".", cause.getAction(),
				cause);
	}

}
