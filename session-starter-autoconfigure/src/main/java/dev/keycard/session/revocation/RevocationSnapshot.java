package dev.keycard.session.revocation;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything a revocation store holds, as of one version.
 *
 * @param version the version, or {@code null} if the store changed while it was read, so that
 * the content may be of no one version
 * @param principals the revocation of each user's sessions, by principal key
 * ({@link dev.keycard.session.store.internal.PrincipalKey})
 * @param sessions the sessions revoked one by one, each with the instant after which it would
 * have expired anyway and can be forgotten
 */
public record RevocationSnapshot(@Nullable RevocationVersion version, Map<String, PrincipalRevocation> principals,
		Map<String, Instant> sessions) {

	/** A store that never revoked anything. */
	public static final RevocationSnapshot EMPTY = new RevocationSnapshot(RevocationVersion.NONE, Map.of(), Map.of());

	public RevocationSnapshot {
		principals = Map.copyOf(principals);
		sessions = Map.copyOf(sessions);
	}

}
