package dev.keycard.session.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a wrong {@code app.session.*} property as what happened and what to do, instead of a
 * stack trace.
 */
class InvalidSessionPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSessionPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSessionPropertyException cause) {
		return new FailureAnalysis("Keycard sessions cannot start. " + cause.getMessage() + ".", cause.getAction(),
				cause);
	}

}
