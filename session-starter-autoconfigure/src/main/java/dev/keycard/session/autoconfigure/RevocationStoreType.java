package dev.keycard.session.autoconfigure;

/**
 * Where the revocations of cookie sessions are shared ({@code app.session.revocation.store}).
 */
public enum RevocationStoreType {

	/** Cookie sessions cannot be revoked: they live until they expire. */
	NONE,

	/** In Redis, with changes pushed to every instance by pub/sub. */
	REDIS,

	/** In a SQL database, which every instance polls. */
	JDBC

}
