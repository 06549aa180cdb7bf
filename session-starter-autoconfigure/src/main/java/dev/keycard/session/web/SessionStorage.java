package dev.keycard.session.web;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link DefaultSessionManager} keeps sessions, in words an application can show or
 * log: the store and what protects the cookie.
 *
 * @param store {@code cookie} for the whole session in the cookie, otherwise the store's
 * {@link dev.keycard.session.store.SessionStore#getName() name}: {@code memory}, {@code file},
 * {@code redis}, {@code jdbc}, or that of a store of the application's own
 * @param mode for the cookie store, the codec's {@link dev.keycard.session.codec.SessionCodec#getMode()
 * mode} ({@code signed} or {@code encrypted}); for a store, {@code signed-id}
 * @param overflowStore for the cookie store, the name of the store a session moves to when it
 * outgrows its cookie, or {@code null} if it never moves
 */
public record SessionStorage(String store, String mode, @Nullable String overflowStore) {

	/** The store of sessions kept whole in their cookie. */
	public static final String COOKIE = "cookie";

	/** The mode of sessions kept in a store, behind a signed id in the cookie. */
	public static final String SIGNED_ID = "signed-id";

	/**
	 * Describe where sessions are kept, never moving.
	 * @param store {@code cookie}, or the store's name
	 * @param mode what protects the cookie
	 */
	public SessionStorage(String store, String mode) {
		this(store, mode, null);
	}

	/**
	 * Whether sessions are kept on the server, behind a signed id.
	 * @return {@code false} for sessions kept whole in their cookie
	 */
	public boolean isServerSide() {
		return !COOKIE.equals(this.store);
	}

}
