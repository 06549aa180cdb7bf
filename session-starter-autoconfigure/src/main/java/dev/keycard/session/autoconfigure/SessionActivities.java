package dev.keycard.session.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SaveOutcome;
import dev.keycard.session.SessionActivity;

/**
 * Every {@link SessionActivity} bean as one: none, one, or all of them in order.
 */
final class SessionActivities implements SessionActivity {

	private final SessionActivity[] activities;

	private SessionActivities(List<SessionActivity> activities) {
		this.activities = activities.toArray(SessionActivity[]::new);
	}

	static SessionActivity of(ObjectProvider<SessionActivity> beans) {
		List<SessionActivity> activities = beans.orderedStream().toList();
		return switch (activities.size()) {
			case 0 -> SessionActivity.NONE;
			case 1 -> activities.get(0);
			default -> new SessionActivities(activities);
		};
	}

	@Override
	public void cookieRefused(CookieRefusal reason) {
		for (SessionActivity activity : this.activities) {
			activity.cookieRefused(reason);
		}
	}

	@Override
	public void cookieAccepted(int keyId) {
		for (SessionActivity activity : this.activities) {
			activity.cookieAccepted(keyId);
		}
	}

	@Override
	public void sessionCreated() {
		for (SessionActivity activity : this.activities) {
			activity.sessionCreated();
		}
	}

	@Override
	public void sessionInvalidated() {
		for (SessionActivity activity : this.activities) {
			activity.sessionInvalidated();
		}
	}

	@Override
	public void sessionRegenerated() {
		for (SessionActivity activity : this.activities) {
			activity.sessionRegenerated();
		}
	}

	@Override
	public void sessionSaved(SaveOutcome outcome) {
		for (SessionActivity activity : this.activities) {
			activity.sessionSaved(outcome);
		}
	}

	@Override
	public void cookieSent(int bytes) {
		for (SessionActivity activity : this.activities) {
			activity.cookieSent(bytes);
		}
	}

	@Override
	public void sessionStored(long bytes) {
		for (SessionActivity activity : this.activities) {
			activity.sessionStored(bytes);
		}
	}

	@Override
	public void expiredSessionsDeleted(long count) {
		for (SessionActivity activity : this.activities) {
			activity.expiredSessionsDeleted(count);
		}
	}

}
