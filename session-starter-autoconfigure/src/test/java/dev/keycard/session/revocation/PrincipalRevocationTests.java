package dev.keycard.session.revocation;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PrincipalRevocation}: what a user's revocation refuses, and how two combine
 * so that neither is undone.
 */
class PrincipalRevocationTests {

	private static final Instant T1 = Instant.parse("2026-12-04T10:00:00Z");

	private static final Instant T2 = T1.plusSeconds(60);

	@Test
	void sessionsSignedInBeforeAreRevokedButTheKeptOne() {
		PrincipalRevocation revocation = new PrincipalRevocation(T1, "desk", T1.minusSeconds(5));

		assertThat(revocation.revokes("phone", T1.minusSeconds(1))).isTrue();
		assertThat(revocation.revokes("desk", T1.minusSeconds(5))).isFalse();
		assertThat(revocation.revokes("phone", T1.plusSeconds(1))).as("signed in after").isFalse();
	}

	@Test
	void aLaterRevocationKeepsItsSessionOnlyIfTheEarlierDidNotRevokeIt() {
		PrincipalRevocation victims = new PrincipalRevocation(T1, "victim", T1.minusSeconds(5));
		PrincipalRevocation thiefs = new PrincipalRevocation(T2, "thief", T1.minusSeconds(3_600));

		PrincipalRevocation combined = PrincipalRevocation.combined(victims, thiefs);

		assertThat(combined).isEqualTo(PrincipalRevocation.allBefore(T2));
		assertThat(PrincipalRevocation.combined(thiefs, victims)).as("in either order").isEqualTo(combined);
	}

	@Test
	void aLaterRevocationFromASessionSignedInAfterTheEarlierKeepsIt() {
		PrincipalRevocation everywhere = PrincipalRevocation.allBefore(T1);
		PrincipalRevocation others = new PrincipalRevocation(T2, "new-desk", T1.plusSeconds(10));

		assertThat(PrincipalRevocation.combined(everywhere, others)).isEqualTo(others);
		assertThat(PrincipalRevocation.combined(null, others)).isEqualTo(others);
	}

	@Test
	void theSameSessionSigningOutTheOthersTwiceIsKept() {
		PrincipalRevocation first = new PrincipalRevocation(T1, "desk", T1.minusSeconds(5));
		PrincipalRevocation second = new PrincipalRevocation(T2, "desk", T1.minusSeconds(5));

		assertThat(PrincipalRevocation.combined(first, second)).isEqualTo(second);
	}

}
