package dev.keycard.session.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionIdCodec}: ids round-trip, and every refusal is named.
 */
class SessionIdCodecTests {

	private static final String SECRET = "test-secret-0123456789-abcdefghijkl";

	private final SessionIdCodec codec = new SessionIdCodec(KeyRing.of(SECRET, List.of()));

	private final List<CookieRefusal> refusals = new ArrayList<>();

	private final SessionActivity activity = new SessionActivity() {

		@Override
		public void cookieRefused(CookieRefusal reason) {
			SessionIdCodecTests.this.refusals.add(reason);
		}

	};

	@Test
	void anIdRoundTripsInACookieOf96Characters() {
		byte[] id = this.codec.newId();
		String value = this.codec.encode("session", id);

		SessionIdCodec.VerifiedId verified = this.codec.decode("session", value, this.activity);

		assertThat(value).hasSize(96);
		assertThat(verified).isNotNull();
		assertThat(verified.id()).isEqualTo(id);
		assertThat(this.refusals).isEmpty();
	}

	@Test
	void anIdMadeForAnotherCookieNameIsRefusedAsSuch() {
		String value = this.codec.encode("admin_session", this.codec.newId());

		assertThat(this.codec.decode("session", value, this.activity)).isNull();
		assertThat(this.refusals).containsExactly(CookieRefusal.OTHER_COOKIE_NAME);
	}

	@Test
	void aChangedIdIsRefusedAsABadSignature() {
		byte[] bytes = Base64.getUrlDecoder().decode(this.codec.encode("session", this.codec.newId()));
		bytes[20] ^= 0x40;

		assertThat(this.codec.decode("session", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
				this.activity))
			.isNull();
		assertThat(this.refusals).containsExactly(CookieRefusal.BAD_SIGNATURE);
	}

	@Test
	void anIdOfAnotherSecretIsRefusedAsAnUnknownKey() {
		String value = new SessionIdCodec(KeyRing.of("another-secret-9876543210-lkjihgfedcba", List.of()))
			.encode("session", this.codec.newId());

		assertThat(this.codec.decode("session", value, this.activity)).isNull();
		assertThat(this.refusals).containsExactly(CookieRefusal.UNKNOWN_KEY);
	}

}
