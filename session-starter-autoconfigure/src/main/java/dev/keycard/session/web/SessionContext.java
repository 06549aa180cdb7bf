package dev.keycard.session.web;

import java.time.Clock;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.SessionSerializer;

/**
 * What every request's session of one {@link DefaultSessionManager} shares.
 *
 * @param persistence where sessions are kept
 * @param serializer turns values into JSON and back
 * @param cookie writes the session cookie
 * @param lifetime how long sessions live
 * @param clock tells the time
 * @param activity is told what sessions do
 * @param storage where sessions are kept, in words
 * @param <S> the persistence's snapshot type
 */
record SessionContext<S>(SessionPersistence<S> persistence, SessionSerializer serializer, SessionCookie cookie,
		SessionLifetime lifetime, Clock clock, SessionActivity activity, SessionStorage storage) {

	<T> SessionContext<T> withPersistence(SessionPersistence<T> persistence) {
		return new SessionContext<>(persistence, this.serializer, this.cookie, this.lifetime, this.clock, this.activity,
				this.storage);
	}

	SessionContext<S> withStorage(SessionStorage storage) {
		return new SessionContext<>(this.persistence, this.serializer, this.cookie, this.lifetime, this.clock,
				this.activity, storage);
	}

	SessionContext<S> withActivity(SessionActivity activity) {
		return new SessionContext<>(this.persistence, this.serializer, this.cookie, this.lifetime, this.clock,
				activity, this.storage);
	}

}
