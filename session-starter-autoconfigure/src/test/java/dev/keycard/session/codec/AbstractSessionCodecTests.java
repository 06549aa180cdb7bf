package dev.keycard.session.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.keycard.session.CookieRefusal;
import dev.keycard.session.SessionActivity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link SessionCodec} of Keycard keeps: what it encodes it decodes, and
 * whatever else a client sends is refused with {@code null}, never an exception.
 */
abstract class AbstractSessionCodecTests {

	static final String SECRET = "test-secret-0123456789-abcdefghijkl";

	static final String OTHER_SECRET = "test-secret-9876543210-lkjihgfedcba";

	static final String COOKIE_NAME = "session";

	static final String PAYLOAD = "{\"user\":\"alice\",\"roles\":[\"admin\"]}";

	static final Instant CREATED_AT = Instant.parse("2026-03-01T10:00:00.250Z");

	static final Instant ISSUED_AT = Instant.parse("2026-03-01T10:05:00.500Z");

	static final Instant EXPIRES_AT = Instant.parse("2026-03-01T10:35:00.750Z");

	static final Instant NOW = Instant.parse("2026-03-01T10:10:00Z");

	private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final Base64.Encoder CANONICAL_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SessionCodec codec = codecFor(KeyRing.of(SECRET, List.of()));

	/**
	 * Create the codec under test.
	 * @param keyRing the keys it uses
	 * @return the codec
	 */
	abstract SessionCodec codecFor(KeyRing keyRing);

	/**
	 * Create a codec of the other mode, whose tokens the codec under test must refuse.
	 * @param keyRing the keys it uses
	 * @return the codec
	 */
	abstract SessionCodec otherModeCodecFor(KeyRing keyRing);

	@Test
	void decodesWhatItEncodedWithTimesInWholeSeconds() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));

		SessionToken decoded = this.codec.decode(COOKIE_NAME, value, NOW);

		assertThat(decoded).isNotNull();
		assertThat(decoded.createdAt()).isEqualTo("2026-03-01T10:00:00Z");
		assertThat(decoded.issuedAt()).isEqualTo("2026-03-01T10:05:00Z");
		assertThat(decoded.expiresAt()).isEqualTo("2026-03-01T10:35:00Z");
		assertThat(decoded.payload()).isEqualTo(utf8(PAYLOAD));
		assertThat(decoded.issuedUnderPreviousKey()).isFalse();
	}

	@Test
	void decodesAnEmptyPayload() {
		String value = this.codec.encode(COOKIE_NAME, token(""));

		SessionToken decoded = this.codec.decode(COOKIE_NAME, value, NOW);

		assertThat(decoded).isNotNull();
		assertThat(decoded.payload()).isEmpty();
	}

	@Test
	void encodesInCanonicalBase64url() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(value).isNotEmpty().matches("[A-Za-z0-9_-]+");
		assertThat(CANONICAL_ENCODER.encodeToString(decodeLeniently(value))).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x01, 0xFF })
	void refusesATokenWithAnyByteChanged(int pattern) {
		byte[] bytes = decodeLeniently(this.codec.encode(COOKIE_NAME, token(PAYLOAD)));

		List<Integer> acceptedPositions = IntStream.range(0, bytes.length).filter((position) -> {
			byte[] tampered = bytes.clone();
			tampered[position] ^= (byte) pattern;
			return decodes(CANONICAL_ENCODER.encodeToString(tampered));
		}).boxed().toList();

		assertThat(acceptedPositions).as("positions of a changed byte that were accepted").isEmpty();
	}

	@Test
	void refusesATokenWithAnyCharacterReplaced() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));
		List<String> accepted = new ArrayList<>();

		for (int position = 0; position < value.length(); position++) {
			for (char replacement : BASE64URL_ALPHABET.toCharArray()) {
				if (replacement != value.charAt(position)) {
					String tampered = value.substring(0, position) + replacement + value.substring(position + 1);
					if (decodes(tampered)) {
						accepted.add(replacement + " at " + position);
					}
				}
			}
		}

		assertThat(accepted).as("replaced characters that were accepted").isEmpty();
	}

	@Test
	void refusesATokenTruncatedToAnyLength() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));
		byte[] bytes = decodeLeniently(value);

		List<Integer> acceptedTextLengths = IntStream.range(0, value.length())
			.filter((length) -> decodes(value.substring(0, length)))
			.boxed()
			.toList();
		List<Integer> acceptedByteLengths = IntStream.range(0, bytes.length)
			.filter((length) -> decodes(CANONICAL_ENCODER.encodeToString(Arrays.copyOf(bytes, length))))
			.boxed()
			.toList();

		assertThat(acceptedTextLengths).as("accepted lengths of truncated text").isEmpty();
		assertThat(acceptedByteLengths).as("accepted lengths of truncated bytes").isEmpty();
	}

	@Test
	void refusesATokenWithBytesAppended() {
		byte[] bytes = decodeLeniently(this.codec.encode(COOKIE_NAME, token(PAYLOAD)));

		List<Integer> acceptedAppendedCounts = IntStream.rangeClosed(1, 32)
			.filter((count) -> decodes(CANONICAL_ENCODER.encodeToString(Arrays.copyOf(bytes, bytes.length + count))))
			.boxed()
			.toList();

		assertThat(acceptedAppendedCounts).as("accepted counts of appended bytes").isEmpty();
	}

	@Test
	void refusesATokenWithCharactersAppended() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(decodes(value + "A")).isFalse();
		assertThat(decodes(value + "AA")).isFalse();
		assertThat(decodes(value + "AAA")).isFalse();
		assertThat(decodes(value + "AAAA")).isFalse();
		assertThat(decodes(value + value)).isFalse();
	}

	@Test
	void refusesATokenIssuedUnderAnotherSecret() {
		String value = codecFor(KeyRing.of(OTHER_SECRET, List.of())).encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNull();
	}

	@Test
	void acceptsATokenUpToTheSecondBeforeItExpires() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));
		Instant lastMoment = Instant.parse("2026-03-01T10:34:59.999Z");

		assertThat(this.codec.decode(COOKIE_NAME, value, lastMoment)).isNotNull();
	}

	@Test
	void refusesATokenAtTheSecondItExpires() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(this.codec.decode(COOKIE_NAME, value, Instant.parse("2026-03-01T10:35:00Z"))).isNull();
	}

	@Test
	void refusesATokenAfterItExpired() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(this.codec.decode(COOKIE_NAME, value, EXPIRES_AT.plus(Duration.ofDays(1)))).isNull();
	}

	@Test
	void refusesATokenWhoseTimesAreOutOfOrder() {
		String createdAfterIssue = this.codec.encode(COOKIE_NAME,
				new SessionToken(ISSUED_AT.plusSeconds(1), ISSUED_AT, EXPIRES_AT, utf8(PAYLOAD)));
		String issuedAfterExpiry = this.codec.encode(COOKIE_NAME,
				new SessionToken(CREATED_AT, EXPIRES_AT.plusSeconds(1), EXPIRES_AT, utf8(PAYLOAD)));

		assertThat(this.codec.decode(COOKIE_NAME, createdAfterIssue, NOW)).isNull();
		assertThat(this.codec.decode(COOKIE_NAME, issuedAfterExpiry, NOW)).isNull();
	}

	@Test
	void refusesATokenPresentedUnderAnotherCookieName() {
		String value = this.codec.encode("session", token(PAYLOAD));

		assertThat(this.codec.decode("other", value, NOW)).isNull();
		assertThat(this.codec.decode("session", value, NOW)).isNotNull();
	}

	@Test
	void namesWhyATokenOfAKnownKeyWasRefused() {
		String forOtherName = this.codec.encode("admin_session", token(PAYLOAD));
		String valid = this.codec.encode(COOKIE_NAME, token(PAYLOAD));
		byte[] changed = Base64.getUrlDecoder().decode(valid);
		changed[TokenFormat.HEADER_LENGTH] ^= 1;
		byte[] retagged = Base64.getUrlDecoder().decode(forOtherName);
		System.arraycopy(TokenFormat.cookieName(COOKIE_NAME).tag(), 0, retagged, TokenFormat.NAME_TAG_OFFSET,
				TokenFormat.NAME_TAG_LENGTH);

		assertThat(refusal(forOtherName)).isEqualTo(CookieRefusal.OTHER_COOKIE_NAME);
		assertThat(refusal(CANONICAL_ENCODER.encodeToString(changed))).isEqualTo(CookieRefusal.BAD_SIGNATURE);
		assertThat(refusal(CANONICAL_ENCODER.encodeToString(retagged))).as("a forged tag is still refused")
			.isEqualTo(CookieRefusal.BAD_SIGNATURE);
		assertThat(refusal(codecFor(KeyRing.of(OTHER_SECRET, List.of())).encode(COOKIE_NAME, token(PAYLOAD))))
			.isEqualTo(CookieRefusal.UNKNOWN_KEY);
	}

	private @Nullable CookieRefusal refusal(String value) {
		List<CookieRefusal> refusals = new ArrayList<>();
		SessionActivity activity = new SessionActivity() {

			@Override
			public void cookieRefused(CookieRefusal reason) {
				refusals.add(reason);
			}

		};
		assertThat(this.codec.decode(COOKIE_NAME, value, NOW, activity)).isNull();
		assertThat(refusals).hasSizeLessThanOrEqualTo(1);
		return refusals.isEmpty() ? null : refusals.get(0);
	}

	@Test
	void acceptsATokenOfAPreviousSecretAndMarksItForReissue() {
		String value = codecFor(KeyRing.of(SECRET, List.of())).encode(COOKIE_NAME, token(PAYLOAD));
		SessionCodec rotated = codecFor(KeyRing.of(OTHER_SECRET, List.of(SECRET)));

		SessionToken decoded = rotated.decode(COOKIE_NAME, value, NOW);

		assertThat(decoded).isNotNull();
		assertThat(decoded.issuedUnderPreviousKey()).isTrue();
		assertThat(decoded.payload()).isEqualTo(utf8(PAYLOAD));
	}

	@Test
	void acceptsATokenOfTheCurrentSecretOfARotatedRingWithoutReissue() {
		SessionCodec rotated = codecFor(KeyRing.of(OTHER_SECRET, List.of(SECRET)));
		String value = rotated.encode(COOKIE_NAME, token(PAYLOAD));

		SessionToken decoded = rotated.decode(COOKIE_NAME, value, NOW);

		assertThat(decoded).isNotNull();
		assertThat(decoded.issuedUnderPreviousKey()).isFalse();
		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNull();
	}

	@Test
	void refusesATokenOfASecretRemovedFromTheRing() {
		String value = codecFor(KeyRing.of(SECRET, List.of())).encode(COOKIE_NAME, token(PAYLOAD));
		SessionCodec afterRotation = codecFor(KeyRing.of(OTHER_SECRET, List.of()));

		assertThat(afterRotation.decode(COOKIE_NAME, value, NOW)).isNull();
	}

	@Test
	void refusesATokenOfTheOtherModeUnderTheSameSecret() {
		String value = otherModeCodecFor(KeyRing.of(SECRET, List.of())).encode(COOKIE_NAME, token(PAYLOAD));

		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void refusesPadding(int lengthModFour) {
		String value = encodeToLengthModFour(lengthModFour);
		String padded = value + "=".repeat(4 - lengthModFour);

		assertThat(decodeLeniently(padded)).isEqualTo(decodeLeniently(value));
		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNotNull();
		assertThat(this.codec.decode(COOKIE_NAME, padded, NOW)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void refusesALastCharacterWithUnusedBitsSet(int lengthModFour) {
		String value = encodeToLengthModFour(lengthModFour);
		char last = value.charAt(value.length() - 1);
		char withUnusedBitSet = BASE64URL_ALPHABET.charAt(BASE64URL_ALPHABET.indexOf(last) | 1);
		String nonCanonical = value.substring(0, value.length() - 1) + withUnusedBitSet;

		assertThat(nonCanonical).isNotEqualTo(value);
		assertThat(decodeLeniently(nonCanonical)).isEqualTo(decodeLeniently(value));
		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNotNull();
		assertThat(this.codec.decode(COOKIE_NAME, nonCanonical, NOW)).isNull();
	}

	@Test
	void refusesTheStandardBase64Alphabet() {
		String value = encodeToTextMeeting((text) -> text.indexOf('-') >= 0 && text.indexOf('_') >= 0);
		String standard = value.replace('-', '+').replace('_', '/');

		assertThat(Base64.getDecoder().decode(standard)).isEqualTo(decodeLeniently(value));
		assertThat(this.codec.decode(COOKIE_NAME, value, NOW)).isNotNull();
		assertThat(this.codec.decode(COOKIE_NAME, standard, NOW)).isNull();
	}

	@Test
	void refusesWhitespaceAnywhere() {
		String value = this.codec.encode(COOKIE_NAME, token(PAYLOAD));
		int middle = value.length() / 2;

		assertThat(decodes(" " + value)).isFalse();
		assertThat(decodes(value + " ")).isFalse();
		assertThat(decodes(value + "\n")).isFalse();
		assertThat(decodes(value + "\r\n")).isFalse();
		assertThat(decodes(value.substring(0, middle) + "\t" + value.substring(middle))).isFalse();
		assertThat(decodes(value.substring(0, middle) + " " + value.substring(middle))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "=", "====", "A", "AA", "AAAA", "not a token", "e30", "%3D",
			"\u00e9\u00e9\u00e9\u00e9" })
	void refusesValuesThatAreNotTokens(String value) {
		assertThat(decodes(value)).isFalse();
	}

	@Test
	void refusesAVeryLongValue() {
		assertThat(decodes("A".repeat(5000))).isFalse();
		assertThat(decodes("A".repeat(5000) + this.codec.encode(COOKIE_NAME, token(PAYLOAD)))).isFalse();
	}

	@Test
	void acceptsAValueAsLongAsABrowserKeepsAndNoLonger() {
		String longest = encodeToLength(4096);
		String tooLong = encodeToLength(4100);

		assertThat(decodes(longest)).isTrue();
		assertThat(decodes(tooLong)).isFalse();
	}

	String encode(String payload) {
		return this.codec.encode(COOKIE_NAME, token(payload));
	}

	@Nullable SessionToken decode(String value) {
		return this.codec.decode(COOKIE_NAME, value, NOW);
	}

	static SessionToken token(String payload) {
		return new SessionToken(CREATED_AT, ISSUED_AT, EXPIRES_AT, utf8(payload));
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Decode Base64url the way {@link Base64} does, ignoring padding and unused bits. */
	static byte[] decodeLeniently(String value) {
		return Base64.getUrlDecoder().decode(value);
	}

	private boolean decodes(String value) {
		return this.codec.decode(COOKIE_NAME, value, NOW) != null;
	}

	/** Encode a token whose text has the given length, a multiple of four. */
	private String encodeToLength(int length) {
		int overhead = decodeLeniently(encode("")).length;
		String value = encode("x".repeat(length / 4 * 3 - overhead));
		assertThat(value).hasSize(length);
		return value;
	}

	/** Encode payloads of growing length until the text has unused bits in its last character. */
	private String encodeToLengthModFour(int lengthModFour) {
		return encodeToTextMeeting((text) -> text.length() % 4 == lengthModFour);
	}

	private String encodeToTextMeeting(Predicate<String> condition) {
		for (int i = 0; i < 1000; i++) {
			String value = encode("{\"n\":\"" + "x".repeat(i % 8) + i + "\"}");
			if (condition.test(value)) {
				return value;
			}
		}
		throw new IllegalStateException("No token of 1000 met the condition");
	}

}
