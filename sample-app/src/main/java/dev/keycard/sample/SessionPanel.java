package dev.keycard.sample;

/**
 * What the dashboard's "what is in my session" panel shows.
 *
 * @param store the session store in use, as set by {@code app.session.store}
 * @param storeDescription where that store keeps the session
 * @param cookieName the session cookie's name
 * @param cookieBytes the size of the session cookie the browser sent with this request, name
 * included; 0 if it sent none
 * @param contents the session's values as indented JSON, as they will be saved
 */
record SessionPanel(String store, String storeDescription, String cookieName, int cookieBytes, String contents) {

}
