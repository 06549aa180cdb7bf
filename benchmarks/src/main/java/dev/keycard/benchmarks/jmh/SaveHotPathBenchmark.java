package dev.keycard.benchmarks.jmh;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseCookie;

/**
 * The pieces of a cookie session's save that the core redesign changed, each beside what it
 * replaced: the {@code Set-Cookie} header through {@link ResponseCookie} against the hand-written
 * renderer with its {@code Expires} cached per second, a pooled HMAC against one per thread,
 * Jackson's buffers in a concurrent pool against one per thread; and an encrypted cookie's
 * nonce from the codec's shared default {@code SecureRandom} beside a DRBG per thread, an
 * alternative tried and not taken (it was not faster here).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SaveHotPathBenchmark {

	private static final String VALUE = "AQEqB1rHAAAAAGlDvXAAAAAAaUO9cAAAAABpVvhweyJjb3VudCI6NDJ9kq2dY1z7vJ0lQ3nA8x4tH6YwXm2sP0cE";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
		.withZone(ZoneId.of("GMT"));

	private final ResponseCookie template = ResponseCookie.from("session").path("/").httpOnly(true).sameSite("Lax").build();

	private final byte[] key = new byte[32];

	private final ThreadLocal<Mac> threadMac = ThreadLocal.withInitial(this::newMac);

	private final ConcurrentLinkedQueue<Mac> pooledMacs = new ConcurrentLinkedQueue<>();

	private final ObjectWriter threadLocalJson = mapper(JsonRecyclerPools.threadLocalPool());

	private final ObjectWriter concurrentJson = mapper(JsonRecyclerPools.newConcurrentDequePool());

	private final Map<String, Object> values = Map.of("count", 42);

	private final SecureRandom sharedRandom = new SecureRandom();

	private final ThreadLocal<SecureRandom> threadDrbg = ThreadLocal.withInitial(SaveHotPathBenchmark::newDrbg);

	private volatile long cachedSecond;

	private volatile String cachedExpires = "";

	@Benchmark
	public String setCookieByResponseCookie() {
		return this.template.mutate().value(VALUE).maxAge(Duration.ofDays(14)).build().toString();
	}

	@Benchmark
	public String setCookieByHand() {
		long now = System.currentTimeMillis() / 1000;
		long maxAge = Duration.ofDays(14).getSeconds();
		if (this.cachedSecond != now) {
			this.cachedExpires = HTTP_DATE.format(Instant.ofEpochSecond(now + maxAge));
			this.cachedSecond = now;
		}
		return new StringBuilder(200).append("session=")
			.append(VALUE)
			.append("; Path=/; Max-Age=")
			.append(maxAge)
			.append("; Expires=")
			.append(this.cachedExpires)
			.append("; HttpOnly; SameSite=Lax")
			.toString();
	}

	@Benchmark
	public byte[] macPerThread() {
		Mac mac = this.threadMac.get();
		mac.update(VALUE.getBytes());
		return mac.doFinal();
	}

	@Benchmark
	public byte[] macPooled() {
		Mac mac = this.pooledMacs.poll();
		if (mac == null) {
			mac = newMac();
		}
		mac.update(VALUE.getBytes());
		byte[] result = mac.doFinal();
		this.pooledMacs.offer(mac);
		return result;
	}

	@Benchmark
	public byte[] jsonThreadLocalBuffers() {
		return this.threadLocalJson.writeValueAsBytes(this.values);
	}

	@Benchmark
	public byte[] jsonConcurrentPoolBuffers() {
		return this.concurrentJson.writeValueAsBytes(this.values);
	}

	@Benchmark
	public byte[] nonceSharedSecureRandom() {
		byte[] nonce = new byte[12];
		this.sharedRandom.nextBytes(nonce);
		return nonce;
	}

	@Benchmark
	public byte[] nonceDrbgPerThread() {
		byte[] nonce = new byte[12];
		this.threadDrbg.get().nextBytes(nonce);
		return nonce;
	}

	private static SecureRandom newDrbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ObjectWriter mapper(RecyclerPool<BufferRecycler> pool) {
		return JsonMapper.builder(JsonFactory.builder().recyclerPool(pool).build()).build().writer();
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
