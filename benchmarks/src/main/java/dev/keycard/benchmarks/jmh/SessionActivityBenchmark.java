package dev.keycard.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.keycard.session.SaveOutcome;
import dev.keycard.session.SessionActivity;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.KeyUsage;
import dev.keycard.session.micrometer.MicrometerSessionActivity;

/**
 * What the meters add to a {@code /visits} request of the cookie store: the activity calls such
 * a request makes (a cookie accepted, a save written, a cookie sent), on Boot's
 * {@link SimpleMeterRegistry} as the actuator configures it, against none. Two threads, as the
 * two cores of the end-to-end benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(2)
public class SessionActivityBenchmark {

	private final KeyRing keyRing = KeyRing.of("benchmark-secret-Lk8Jh5Gf2Ds9Ap6Qw3Er", List.of());

	private final int keyId = this.keyRing.getCurrent().getId();

	private final KeyUsage keyUsage = new KeyUsage(this.keyRing);

	private final SessionActivity meters = new MicrometerSessionActivity(new SimpleMeterRegistry(), this.keyUsage);

	@Benchmark
	public void visitWithMeters() {
		visit(this.keyUsage);
		visit(this.meters);
	}

	@Benchmark
	public void visitWithoutMeters() {
		visit(this.keyUsage);
	}

	private void visit(SessionActivity activity) {
		activity.cookieAccepted(this.keyId);
		activity.sessionSaved(SaveOutcome.WRITTEN);
		activity.cookieSent(140);
	}

}
