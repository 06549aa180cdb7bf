package dev.keycard.session.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Derives hostile variants of one valid cookie value, each a whole {@code Cookie} header: every
 * bit and byte changed, truncations, extensions, parts reordered, other format versions and
 * modes, other key ids, Base64 oddities and duplicates. None of them is the value that was
 * issued, so every one must be refused.
 */
final class HostileVariants {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** Where the key id sits in every token: after the version and mode bytes. */
	private static final int KEY_ID_OFFSET = 2;

	/** Fixed, so that a failure names a variant that the next run derives again. */
	private final Random random = new Random(6);

	private final String value;

	private final byte[] bytes;

	private final List<Variant> variants = new ArrayList<>();

	private HostileVariants(String value) {
		this.value = value;
		this.bytes = Base64.getUrlDecoder().decode(value);
	}

	/**
	 * Derive the variants of a valid cookie value.
	 * @param value the value, as issued
	 * @param otherKeyIds key ids of secrets that the application does not hold, or no longer
	 * @return the variants, each a {@code Cookie} header
	 */
	static List<Variant> of(String value, int... otherKeyIds) {
		HostileVariants derived = new HostileVariants(value);
		derived.changedBytes();
		derived.changedCharacters();
		derived.truncations();
		derived.extensions();
		derived.reorderedParts();
		derived.otherVersionsAndModes();
		derived.otherKeyIds(otherKeyIds);
		derived.base64Oddities();
		derived.duplicates();
		return derived.variants.stream().filter((variant) -> !variant.header().equals("session=" + value)).toList();
	}

	private void changedBytes() {
		for (int i = 0; i < this.bytes.length; i++) {
			for (int bit = 0; bit < 8; bit++) {
				byte[] changed = this.bytes.clone();
				changed[i] ^= (byte) (1 << bit);
				add("bit flipped", changed);
			}
			for (byte replacement : new byte[] { 0, (byte) 0xFF }) {
				if (this.bytes[i] != replacement) {
					byte[] changed = this.bytes.clone();
					changed[i] = replacement;
					add("byte replaced", changed);
				}
			}
		}
	}

	private void changedCharacters() {
		for (int i = 0; i < this.value.length(); i++) {
			char next = ALPHABET.charAt((ALPHABET.indexOf(this.value.charAt(i)) + 1) % ALPHABET.length());
			add("character replaced", this.value.substring(0, i) + next + this.value.substring(i + 1));
			add("character removed", this.value.substring(0, i) + this.value.substring(i + 1));
		}
	}

	private void truncations() {
		for (int length = 0; length < this.value.length(); length++) {
			add("truncated text", this.value.substring(0, length));
		}
		for (int length = 0; length < this.bytes.length; length++) {
			add("truncated token", Arrays.copyOf(this.bytes, length));
		}
	}

	private void extensions() {
		for (String suffix : List.of("A", "AA", "AAA", "AAAA", "-_", "0", this.value)) {
			add("extended text", this.value + suffix);
			add("prefixed text", suffix + this.value);
		}
		for (int extra = 1; extra <= 64; extra++) {
			byte[] extended = Arrays.copyOf(this.bytes, this.bytes.length + extra);
			add("extended token with zeros", extended);
			byte[] random = extended.clone();
			for (int i = this.bytes.length; i < random.length; i++) {
				random[i] = (byte) this.random.nextInt();
			}
			add("extended token with random bytes", random);
		}
	}

	private void reorderedParts() {
		int third = this.bytes.length / 3;
		byte[] first = Arrays.copyOfRange(this.bytes, 0, third);
		byte[] second = Arrays.copyOfRange(this.bytes, third, 2 * third);
		byte[] last = Arrays.copyOfRange(this.bytes, 2 * third, this.bytes.length);
		add("parts reordered", concat(second, first, last));
		add("parts reordered", concat(last, first, second));
		add("parts reordered", concat(first, last, second));
		add("parts reordered", concat(last, second, first));
		add("parts reordered", concat(second, last, first));
		int header = 30;
		if (this.bytes.length > header + 32) {
			byte[] body = Arrays.copyOfRange(this.bytes, header, this.bytes.length);
			add("body before header", concat(body, Arrays.copyOf(this.bytes, header)));
		}
		for (int shift = 1; shift < this.bytes.length; shift++) {
			byte[] rotated = new byte[this.bytes.length];
			for (int i = 0; i < this.bytes.length; i++) {
				rotated[i] = this.bytes[(i + shift) % this.bytes.length];
			}
			add("bytes rotated", rotated);
		}
		byte[] reversed = new byte[this.bytes.length];
		for (int i = 0; i < this.bytes.length; i++) {
			reversed[i] = this.bytes[this.bytes.length - 1 - i];
		}
		add("bytes reversed", reversed);
	}

	private void otherVersionsAndModes() {
		for (int version = 0; version < 256; version++) {
			byte[] changed = this.bytes.clone();
			changed[0] = (byte) version;
			add("other format version", changed);
			byte[] mode = this.bytes.clone();
			mode[1] = (byte) version;
			add("other mode", mode);
		}
	}

	private void otherKeyIds(int... otherKeyIds) {
		int keyId = ByteBuffer.wrap(this.bytes).getInt(KEY_ID_OFFSET);
		List<Integer> ids = new ArrayList<>(List.of(0, -1, 1, keyId + 1, keyId - 1, Integer.MIN_VALUE,
				Integer.MAX_VALUE, Integer.reverseBytes(keyId)));
		for (int otherKeyId : otherKeyIds) {
			ids.add(otherKeyId);
		}
		for (int i = 0; i < 32; i++) {
			ids.add(this.random.nextInt());
		}
		for (int id : ids) {
			byte[] changed = this.bytes.clone();
			ByteBuffer.wrap(changed).putInt(KEY_ID_OFFSET, id);
			add("other key id", changed);
		}
	}

	private void base64Oddities() {
		add("padding", this.value + "=");
		add("padding", this.value + "==");
		add("standard alphabet", Base64.getEncoder().encodeToString(this.bytes));
		add("standard alphabet", this.value.replace('-', '+').replace('_', '/'));
		add("mime line breaks", Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(this.bytes));
		add("upper case", this.value.toUpperCase(java.util.Locale.ROOT));
		add("lower case", this.value.toLowerCase(java.util.Locale.ROOT));
		add("quoted", "\"" + this.value + "\"");
		add("percent-encoded", percentEncoded(this.value));
		add("percent-encoded", this.value.substring(0, 10) + "%41" + this.value.substring(10));
		add("double-encoded", ENCODER.encodeToString(this.value.getBytes(StandardCharsets.US_ASCII)));
		for (int i = 1; i < this.value.length(); i += 7) {
			for (String odd : List.of(" ", "\t", "=", "+", "/", ".", "%", "\u00e9", "\u0000")) {
				add("odd character inside", this.value.substring(0, i) + odd + this.value.substring(i));
			}
		}
		int remainder = this.value.length() % 4;
		if (remainder == 2 || remainder == 3) {
			String withoutLast = this.value.substring(0, this.value.length() - 1);
			int last = ALPHABET.indexOf(this.value.charAt(this.value.length() - 1));
			for (int unusedBits = 1; unusedBits < ((remainder == 2) ? 16 : 4); unusedBits++) {
				add("unused bits set", withoutLast + ALPHABET.charAt(last | unusedBits));
			}
		}
	}

	private void duplicates() {
		String tampered = this.value.substring(0, this.value.length() - 1)
				+ ((this.value.charAt(this.value.length() - 1) == 'A') ? 'B' : 'A');
		for (int copies : new int[] { 2, 3, 4, 5, 10, 50, 199, 200, 201, 300 }) {
			this.variants.add(new Variant("duplicate cookies", String.join("; ",
					java.util.Collections.nCopies(copies, "session=" + tampered))));
		}
		this.variants.add(new Variant("duplicate cookies",
				"session=" + tampered + "; session=" + this.value.substring(1) + "; session=" + this.value + "A"));
		this.variants.add(new Variant("issued value under another cookie name", "remember-me=" + this.value));
		this.variants.add(new Variant("issued value under another cookie name", "Session=" + this.value));
		this.variants.add(new Variant("issued value under another cookie name", "session2=" + this.value));
		this.variants.add(new Variant("100 KB cookie header",
				"session=" + this.value + "A".repeat(100 * 1024)));
		this.variants.add(new Variant("100 KB cookie header",
				("session=" + tampered + "; ").repeat(100 * 1024 / (tampered.length() + 10))));
		this.variants.add(new Variant("100 KB cookie header",
				"session=" + tampered + "; " + "x=" + "y".repeat(100 * 1024)));
	}

	private void add(String family, byte[] token) {
		add(family, ENCODER.encodeToString(token));
	}

	private void add(String family, String cookieValue) {
		this.variants.add(new Variant(family, "session=" + cookieValue));
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer buffer = ByteBuffer.allocate(Arrays.stream(parts).mapToInt((part) -> part.length).sum());
		for (byte[] part : parts) {
			buffer.put(part);
		}
		return buffer.array();
	}

	private static String percentEncoded(String text) {
		StringBuilder encoded = new StringBuilder();
		for (char c : text.toCharArray()) {
			encoded.append('%').append(String.format("%02X", (int) c));
		}
		return encoded.toString();
	}

	/**
	 * One hostile variant.
	 *
	 * @param family what was done to the valid value
	 * @param header the whole {@code Cookie} header
	 */
	record Variant(String family, String header) {
	}

}
