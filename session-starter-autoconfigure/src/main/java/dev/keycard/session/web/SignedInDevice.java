package dev.keycard.session.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.store.SessionStore;

/**
 * Who a session is signed in as, and on what, as {@link SessionDevices#bind} wrote it in the
 * session's values: what a cookie session is checked against its revocations with.
 *
 * @param principal the user
 * @param id the session's id, written at sign-in in a cookie session, or {@code null} in a
 * session of a server-side store (its store key names it) or one signed in before revocation
 * was configured
 * @param signedInAt when the user signed in on it
 * @param userAgent a short description of the browser, or {@code null}
 * @param ipAddress the client's address at sign-in, when recorded on purpose
 */
record SignedInDevice(String principal, @Nullable String id, Instant signedInAt, @Nullable String userAgent,
		@Nullable String ipAddress) {

	/**
	 * Read the device of a session's values.
	 * @param values the session's values
	 * @param createdAt when the session was created, for a session signed in without the time
	 * @return the device, or {@code null} if nobody is signed in on the session
	 */
	static @Nullable SignedInDevice of(Map<String, @Nullable Object> values, Instant createdAt) {
		if (!(values.get(SessionStore.PRINCIPAL_ATTRIBUTE) instanceof String principal)) {
			return null;
		}
		if (!(values.get(SessionDevices.DEVICE_ATTRIBUTE) instanceof Map<?, ?> device)) {
			return new SignedInDevice(principal, null, createdAt, null, null);
		}
		Instant signedInAt = (device.get(SessionDevices.SIGNED_IN_AT) instanceof Number micros)
				? instant(micros.longValue()) : createdAt;
		return new SignedInDevice(principal, text(device, "id"), signedInAt, text(device, "userAgent"),
				text(device, "ipAddress"));
	}

	/**
	 * Return an instant in epoch microseconds, as the device keeps the time of a sign-in.
	 * @param instant the instant
	 * @return its epoch microseconds
	 */
	static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
	}

	private static @Nullable String text(Map<?, ?> device, String field) {
		return (device.get(field) instanceof String text) ? text : null;
	}

}
