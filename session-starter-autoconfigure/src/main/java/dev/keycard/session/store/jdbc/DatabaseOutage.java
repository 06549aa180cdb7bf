package dev.keycard.session.store.jdbc;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Tells a database that cannot be reached (503, retry later) from other failures, for the JDBC
 * stores: Spring's translated exceptions for a lost or refused connection, a timeout, and a
 * transaction that could not begin or commit.
 */
final class DatabaseOutage {

	private DatabaseOutage() {
	}

	/**
	 * Return the failure as an outage of a store, if it is one.
	 * @param ex the failure
	 * @param what the store and its table, for the message
	 * @return the outage, or {@code null} if the failure is not one
	 */
	static @Nullable SessionStoreUnavailableException of(RuntimeException ex, String what) {
		// DataAccessResourceFailureException includes CannotGetJdbcConnectionException.
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof RecoverableDataAccessException || ex instanceof CannotCreateTransactionException
				|| ex instanceof TransactionSystemException) {
			Throwable cause = (ex instanceof NestedRuntimeException nested)
					? nested.getMostSpecificCause() : ex;
			return new SessionStoreUnavailableException(
					"The " + what + " cannot be reached: " + cause.getMessage(), ex);
		}
		return null;
	}

}
