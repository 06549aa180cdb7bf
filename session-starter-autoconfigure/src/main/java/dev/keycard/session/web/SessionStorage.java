package dev.keycard.session.web;

/**
 * Where a {@link DefaultSessionManager} keeps sessions, in words an application can show or
 * log: the store and what protects the cookie.
 *
 * @param store {@code cookie} for the whole session in the cookie, otherwise the store's
 * {@link dev.keycard.session.store.SessionStore#getName() name}: {@code memory}, {@code file},
 * {@code redis}, {@code jdbc}, or that of a store of the application's own
 * @param mode for the cookie store, the codec's {@link dev.keycard.session.codec.SessionCodec#getMode()
 * mode} ({@code signed} or {@code encrypted}); for a store, {@code signed-id}
 */
public record SessionStorage(String store, String mode) {

	/** The store of sessions kept whole in their cookie. */
	public static final String COOKIE = "cookie";

	/** The mode of sessions kept in a store, behind a signed id in the cookie. */
	public static final String SIGNED_ID = "signed-id";

	/**
	 * Whether sessions are kept on the server, behind a signed id.
	 * @return {@code false} for sessions kept whole in their cookie
	 */
	public boolean isServerSide() {
		return !COOKIE.equals(this.store);
	}

}
