package dev.keycard.benchmarks.jmh;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.keycard.session.codec.EncryptedSessionCodec;
import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionToken;
import dev.keycard.session.codec.SignedSessionCodec;

/**
 * Loading and saving a session in a cookie (verify or decrypt, read the JSON, write the JSON,
 * sign or encrypt), beside the raw primitives on the same bytes: HMAC-SHA256 and Base64url for
 * signed mode, AES-GCM and Base64url for encrypted mode. The target: load and save of a
 * 256-byte session within twice the raw primitives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

	private static final String COOKIE_NAME = "session";

	@Param({ "256", "2048" })
	int size;

	@Param({ "signed", "encrypted" })
	String mode;

	private SessionCodec codec;

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	private String token;

	private byte[] payload;

	private Instant now;

	private Mac mac;

	private Cipher cipher;

	private SecretKeySpec aesKey;

	private byte[] sealed;

	private String encodedRaw;

	private final SecureRandom random = new SecureRandom();

	@Setup
	public void setUp() throws GeneralSecurityException {
		KeyRing keyRing = KeyRing.of("benchmark-only-Vq8mX2kR7tL4wN9cB3zH6jF1yD5sGaP0", List.of());
		this.codec = this.mode.equals("signed") ? new SignedSessionCodec(keyRing) : new EncryptedSessionCodec(keyRing);
		this.payload = this.serializer.serialize(valuesOfSize(this.size));
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.token = this.codec.encode(COOKIE_NAME,
				new SessionToken(this.now, this.now, this.now.plusSeconds(3600), this.payload));
		this.mac = Mac.getInstance("HmacSHA256");
		this.mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
		this.aesKey = new SecretKeySpec(new byte[32], "AES");
		// The honest floor: one Cipher created once, a fresh init per nonce, as the codec does.
		this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
		this.sealed = seal(this.payload);
		this.encodedRaw = Base64.getUrlEncoder().withoutPadding().encodeToString(this.sealed);
	}

	/** What a request that reads and writes its session costs in the codec. */
	@Benchmark
	public String loadAndSave() {
		SessionToken loaded = this.codec.decode(COOKIE_NAME, this.token, this.now);
		Map<String, Object> values = this.serializer.deserialize(loaded.payload());
		values.put("count", 2);
		byte[] saved = this.serializer.serialize(values);
		return this.codec.encode(COOKIE_NAME,
				new SessionToken(loaded.createdAt(), this.now, this.now.plusSeconds(3600), saved));
	}

	/** What a read-only request costs in the codec. */
	@Benchmark
	public Map<String, Object> load() {
		return this.serializer.deserialize(this.codec.decode(COOKIE_NAME, this.token, this.now).payload());
	}

	/** The primitives alone on the same bytes: decode, verify or open, seal, encode. */
	@Benchmark
	public String rawPrimitives() throws GeneralSecurityException {
		byte[] received = Base64.getUrlDecoder().decode(this.encodedRaw);
		byte[] opened = open(received);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(seal(opened));
	}

	private byte[] seal(byte[] bytes) throws GeneralSecurityException {
		if (this.mode.equals("signed")) {
			byte[] tag = this.mac.doFinal(bytes);
			byte[] sealed = new byte[bytes.length + tag.length];
			System.arraycopy(bytes, 0, sealed, 0, bytes.length);
			System.arraycopy(tag, 0, sealed, bytes.length, tag.length);
			return sealed;
		}
		byte[] nonce = new byte[12];
		this.random.nextBytes(nonce);
		Cipher cipher = this.cipher;
		cipher.init(Cipher.ENCRYPT_MODE, this.aesKey, new GCMParameterSpec(128, nonce));
		byte[] cipherText = cipher.doFinal(bytes);
		byte[] sealed = new byte[12 + cipherText.length];
		System.arraycopy(nonce, 0, sealed, 0, 12);
		System.arraycopy(cipherText, 0, sealed, 12, cipherText.length);
		return sealed;
	}

	private byte[] open(byte[] sealed) throws GeneralSecurityException {
		if (this.mode.equals("signed")) {
			byte[] bytes = new byte[sealed.length - 32];
			System.arraycopy(sealed, 0, bytes, 0, bytes.length);
			byte[] expected = this.mac.doFinal(bytes);
			byte[] received = new byte[32];
			System.arraycopy(sealed, bytes.length, received, 0, 32);
			if (!MessageDigest.isEqual(expected, received)) {
				throw new IllegalStateException("bad tag");
			}
			return bytes;
		}
		Cipher cipher = this.cipher;
		cipher.init(Cipher.DECRYPT_MODE, this.aesKey, new GCMParameterSpec(128, sealed, 0, 12));
		return cipher.doFinal(sealed, 12, sealed.length - 12);
	}

	/** Session values whose JSON is about the given number of bytes. */
	static Map<String, Object> valuesOfSize(int size) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("count", 1);
		values.put("user", "gordon");
		values.put("theme", "dark");
		int remaining = Math.max(0, size - 60);
		values.put("notes", "n".repeat(remaining));
		return values;
	}

}
