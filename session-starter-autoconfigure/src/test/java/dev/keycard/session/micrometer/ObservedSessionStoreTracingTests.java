package dev.keycard.session.micrometer;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.memory.MemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With Micrometer Tracing on, every store call of {@link ObservedSessionStore} is a span, named
 * and tagged as its observation, and a failed call is a span with its error.
 */
class ObservedSessionStoreTracingTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ObservedSessionStoreTracingTests() {
		this.registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
	}

	@Test
	void eachStoreCallIsASpanWithItsOperationStoreAndOutcome() {
		ObservedSessionStore store = new ObservedSessionStore(new MemorySessionStore(100, Clock.systemUTC()), "memory",
				this.registry);
		String key = SessionIdCodec.storeKey(new byte[32]);
		Instant now = Instant.now();
		store.save(key, new SessionChanges(true, Map.of("count", "1"), Set.of(), now, now.plusSeconds(60)));
		store.load(key);
		store.delete(key);

		assertThat(this.tracer.getSpans()).extracting(SimpleSpan::getName)
			.containsExactly("keycard session save", "keycard session load", "keycard session delete");
		assertThat(this.tracer.getSpans()).allSatisfy((span) -> assertThat(span.getTags())
			.containsEntry("store", "memory")
			.containsEntry("outcome", "ok")
			.doesNotContainValue(key));
		assertThat(this.tracer.getSpans()).extracting((span) -> span.getTags().get("operation"))
			.containsExactly("save", "load", "delete");
	}

	@Test
	void anUnreachableStoreIsASpanWithTheOutcomeAndTheError() {
		ObservedSessionStore store = new ObservedSessionStore(new UnreachableStore(), "redis", this.registry);

		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> store.load(SessionIdCodec.storeKey(new byte[32])));

		assertThat(this.tracer.getSpans()).singleElement().satisfies((span) -> {
			assertThat(span.getTags()).containsEntry("operation", "load").containsEntry("outcome", "unavailable");
			assertThat(span.getError()).isInstanceOf(SessionStoreUnavailableException.class);
		});
	}

	private static final class UnreachableStore implements SessionStore {

		@Override
		public @Nullable SessionRecord load(String key) {
			throw new SessionStoreUnavailableException("Redis cannot be reached", new ConnectException("Connection refused"));
		}

		@Override
		public boolean save(String key, SessionChanges changes) {
			throw new SessionStoreUnavailableException("Redis cannot be reached", new ConnectException("Connection refused"));
		}

		@Override
		public void delete(String key) {
			throw new SessionStoreUnavailableException("Redis cannot be reached", new ConnectException("Connection refused"));
		}

	}

}
