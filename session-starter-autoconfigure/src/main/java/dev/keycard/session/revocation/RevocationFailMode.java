package dev.keycard.session.revocation;

/**
 * What an instance does with a signed-in cookie session once it has not been able to confirm
 * its revocations with the revocation store for longer than the staleness bound.
 */
public enum RevocationFailMode {

	/**
	 * Answer 503, as a server-side store that cannot be reached does: a revoked session is
	 * never served after the bound. Anonymous sessions are served as usual.
	 */
	CLOSED,

	/**
	 * Serve it if the revocations this instance knows do not refuse it, and log that they may
	 * be out of date: the application stays up, and a session revoked during the outage is
	 * served until the store answers again.
	 */
	OPEN

}
