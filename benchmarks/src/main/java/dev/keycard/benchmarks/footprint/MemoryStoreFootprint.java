package dev.keycard.benchmarks.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.memory.MemorySessionStore;

/**
 * Heap taken by each session in the memory store, measured as the growth of the live heap
 * after full collections while the store fills with many sessions, beside the size of the
 * session's JSON. The target: at most twice the JSON bytes plus 300 bytes per session.
 *
 * <p>Run with {@code benchmarks/run-footprint.sh}; arguments: number of sessions, then JSON
 * sizes in bytes.
 */
public final class MemoryStoreFootprint {

	private MemoryStoreFootprint() {
	}

	public static void main(String[] arguments) {
		int sessions = (arguments.length > 0) ? Integer.parseInt(arguments[0]) : 200_000;
		int[] sizes = { 64, 256, 2048 };
		if (arguments.length > 1) {
			sizes = new int[arguments.length - 1];
			for (int i = 1; i < arguments.length; i++) {
				sizes[i - 1] = Integer.parseInt(arguments[i]);
			}
		}
		System.out.println("| session JSON | sessions | heap per session | target (2 × JSON + 300) | ratio to target |");
		System.out.println("|---:|---:|---:|---:|---:|");
		for (int size : sizes) {
			measure(sessions, size);
		}
	}

	private static void measure(int sessions, int size) {
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		Map<String, String> attributes = attributesOfSize(serializer, size);
		int json = AttributeDocument.write(attributes).getBytes(StandardCharsets.UTF_8).length;
		MemorySessionStore store = new MemorySessionStore(sessions + 1, Clock.systemUTC());
		Instant now = Instant.now();
		SessionChanges changes = new SessionChanges(true, attributes, Set.of(), now, now.plus(Duration.ofHours(1)));
		// Keys are made the way Keycard makes them, and kept only by the store.
		SessionIdCodec ids = new SessionIdCodec(KeyRing.of("footprint-only-Vq8mX2kR7tL4wN9cB3zH6jF1yD5sGaP0", List.of()));
		long before = liveHeap();
		for (int i = 0; i < sessions; i++) {
			store.save(SessionIdCodec.storeKey(ids.newId()), changes);
		}
		store.cleanUp();
		long after = liveHeap();
		double perSession = (after - before) / (double) sessions;
		double target = 2.0 * json + 300;
		System.out.printf("| %,d B | %,d | %,.0f B | %,.0f B | %.2f |%n", json, store.size(), perSession, target,
				perSession / target);
	}

	/** Attributes whose document is about the given number of bytes, as in the codec benchmark. */
	private static Map<String, String> attributesOfSize(JsonSessionSerializer serializer, int size) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("count", serializer.serializeValue(1));
		attributes.put("user", serializer.serializeValue("gordon"));
		attributes.put("theme", serializer.serializeValue("dark"));
		attributes.put("notes", serializer.serializeValue("n".repeat(Math.max(0, size - 60))));
		return attributes;
	}

	private static long liveHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
