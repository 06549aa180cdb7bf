package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import dev.keycard.session.revocation.RevocationFailMode;

/**
 * Configuration properties of the revocation of cookie sessions.
 */
@ConfigurationProperties("app.session.revocation")
public class SessionRevocationProperties {

	/**
	 * Where revocations of cookie sessions are shared: none, redis or jdbc. Server-side stores
	 * revoke a session by deleting it and need none.
	 */
	private RevocationStoreType store = RevocationStoreType.NONE;

	/**
	 * Longest time a revocation takes to reach every instance. An instance that cannot confirm
	 * its revocations for longer applies the fail mode to signed-in sessions. A bare number is
	 * seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration maxStaleness = Duration.ofSeconds(5);

	/**
	 * What is done with signed-in cookie sessions once the revocation store has not answered
	 * for longer than max-staleness: closed refuses them with 503, open serves them on the
	 * revocations known so far.
	 */
	private RevocationFailMode failMode = RevocationFailMode.CLOSED;

	/**
	 * Whether signed-in cookie sessions are recorded in the revocation store, so that a user's
	 * devices can be listed: one write at sign-in, at each rolling refresh and at sign-out.
	 */
	private boolean recordSessions = true;

	/**
	 * Prefix of the Redis keys and channel of the Redis revocation store.
	 */
	private String keyPrefix = "keycard:revocation:";

	/**
	 * Prefix of the tables of the JDBC revocation store.
	 */
	private String tablePrefix = "keycard_";

	public RevocationStoreType getStore() {
		return this.store;
	}

	public void setStore(RevocationStoreType store) {
		this.store = store;
	}

	public Duration getMaxStaleness() {
		return this.maxStaleness;
	}

	public void setMaxStaleness(Duration maxStaleness) {
		this.maxStaleness = maxStaleness;
	}

	public RevocationFailMode getFailMode() {
		return this.failMode;
	}

	public void setFailMode(RevocationFailMode failMode) {
		this.failMode = failMode;
	}

	public boolean isRecordSessions() {
		return this.recordSessions;
	}

	public void setRecordSessions(boolean recordSessions) {
		this.recordSessions = recordSessions;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

}
