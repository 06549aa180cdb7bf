package dev.keycard.session.codec;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RandomBytes}.
 */
class RandomBytesTests {

	private final RandomBytes random = new RandomBytes();

	@Test
	void valuesTakenFromBatchesAcrossTheirEndsAreAllDifferent() {
		Set<String> seen = new HashSet<>();
		// 33 bytes do not divide the batch: values straddle the point where a new batch is drawn.
		for (int i = 0; i < 2000; i++) {
			byte[] bytes = new byte[33];
			this.random.nextBytes(bytes);
			assertThat(seen.add(HexFormat.of().formatHex(bytes))).isTrue();
		}
	}

	@Test
	void moreThanABatchIsDrawnAtOnce() {
		byte[] first = new byte[4096];
		byte[] second = new byte[4096];
		this.random.nextBytes(first);
		this.random.nextBytes(second);
		assertThat(first).isNotEqualTo(second).isNotEqualTo(new byte[4096]);
	}

	@Test
	void threadsGetValuesOfTheirOwn() throws InterruptedException {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 500; i++) {
					byte[] bytes = new byte[16];
					this.random.nextBytes(bytes);
					seen.add(HexFormat.of().formatHex(bytes));
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(seen).hasSize(2000);
	}

}
