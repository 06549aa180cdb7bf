package dev.keycard.sample;

/**
 * What the dashboard's "what is in my session" panel shows.
 *
 * @param store the session store Keycard uses: {@code cookie}, {@code memory}, {@code file},
 * {@code redis}, {@code jdbc}, or the class of the application's own
 * @param storeDescription where that store keeps the session
 * @param cookieName the session cookie's name
 * @param cookieBytes the size of the session cookie, name included, as the browser holds it
 * after this page; 0 if it holds none
 * @param cookieIssued whether this page sets the cookie anew, or the browser keeps the one it
 * sent
 * @param contents the session's values as indented JSON, as they are saved
 */
record SessionPanel(String store, String storeDescription, String cookieName, int cookieBytes, boolean cookieIssued,
		String contents) {

}
