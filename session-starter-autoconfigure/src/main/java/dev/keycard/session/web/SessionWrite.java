package dev.keycard.session.web;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One decided write of a session: what it does to the cookie, and the side effects (store
 * writes) that may run only once it is known that the cookie can be sent.
 *
 * @param cookie what happens to the client's cookie
 * @param cookieValue the value of the cookie to set, for {@link CookieChange#SET}
 * @param content whether the session's content is written, rather than only its cookie issued again
 * @param store writes the store, if there is one, and returns what the session is from then
 * on, or {@code null} if the write was dropped because another request deleted the session
 * @param <S> the snapshot type
 */
record SessionWrite<S>(CookieChange cookie, @Nullable String cookieValue, boolean content,
		Supplier<@Nullable S> store) {

	static <S> SessionWrite<S> set(String cookieValue, boolean content, Supplier<@Nullable S> store) {
		return new SessionWrite<>(CookieChange.SET, cookieValue, content, store);
	}

	static <S> SessionWrite<S> expire(Supplier<@Nullable S> store) {
		return new SessionWrite<>(CookieChange.EXPIRE, null, true, store);
	}

	/** What a write does to the client's cookie. */
	enum CookieChange {

		/** The client's cookie stays valid: nothing to send. */
		KEEP,

		/** A new cookie value is sent. */
		SET,

		/** The cookie is expired. */
		EXPIRE

	}

}
