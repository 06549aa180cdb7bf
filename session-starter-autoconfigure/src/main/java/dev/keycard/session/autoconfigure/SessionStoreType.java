package dev.keycard.session.autoconfigure;

/**
 * Where Keycard keeps sessions ({@code app.session.store}).
 */
public enum SessionStoreType {

	/** The whole session in a signed (or encrypted) cookie; no server state. */
	COOKIE,

	/** Server-side, in this process's memory. */
	MEMORY,

	/** Server-side, one JSON file per session. */
	FILE,

	/** Server-side, in Redis. */
	REDIS,

	/** Server-side, in a SQL database. */
	JDBC

}
