package dev.keycard.session.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instances a codec needs (a {@code Mac}, a {@code Cipher}, a {@code MessageDigest}) are
 * kept per platform thread, and shared among virtual threads, so that a server that runs each
 * request on a virtual thread of its own does not create them on every request.
 */
class InstancePoolTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void eachPlatformThreadKeepsItsOwnMac() throws Exception {
		KeyRing keyRing = KeyRing.of("Hq3Vn7Xc1Lp9Tw5Rz2Md8Kb6Jf0Gs4Ya", List.of());
		SignedSessionCodec codec = new SignedSessionCodec(keyRing);
		SessionToken token = new SessionToken(NOW, NOW, NOW.plusSeconds(60), "{\"a\":1}".getBytes());
		for (int thread = 0; thread < 3; thread++) {
			Thread worker = new Thread(() -> {
				for (int request = 0; request < 100; request++) {
					assertThat(codec.decode("session", codec.encode("session", token), NOW)).isNotNull();
				}
			});
			worker.start();
			worker.join();
		}
		assertThat(keyRing.getCurrent().signingMacs().created()).isEqualTo(3);
	}

	/** Runs on the JDK 25 pass of .ci/run: Java 17 has no virtual threads. */
	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void signingOnAVirtualThreadPerRequestReusesOneMac() throws Exception {
		SignedSessionCodec codec = new SignedSessionCodec(KEY_RING);
		SessionToken token = new SessionToken(NOW, NOW, NOW.plusSeconds(60), "{\"a\":1}".getBytes());
		for (int request = 0; request < 200; request++) {
			onAVirtualThread(() -> assertThat(codec.decode("session", codec.encode("session", token), NOW)).isNotNull());
		}
		assertThat(KEY_RING.getCurrent().signingMacs().created()).isEqualTo(1);
	}

	/** Runs on the JDK 25 pass of .ci/run: Java 17 has no virtual threads. */
	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void encryptingOnAVirtualThreadPerRequestReusesOneCipher() throws Exception {
		EncryptedSessionCodec codec = new EncryptedSessionCodec(KEY_RING);
		SessionToken token = new SessionToken(NOW, NOW, NOW.plusSeconds(60), "{\"a\":1}".getBytes());
		for (int request = 0; request < 200; request++) {
			onAVirtualThread(() -> assertThat(codec.decode("session", codec.encode("session", token), NOW)).isNotNull());
		}
		assertThat(codec.ciphersCreated()).isEqualTo(1);
	}

	/** Started by name: the tests are compiled for Java 17, which has no virtual threads. */
	private static void onAVirtualThread(Runnable task) throws Exception {
		Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
		thread.join();
	}

	@Test
	void concurrentUsesCreateNoMoreInstancesThanThereAreAtOnce() throws Exception {
		InstancePool<Mac> pool = KeyRing.of("Pw4rT8yU2iO6pA1sD5fG9hJ3kL7zX0cV", List.of()).getCurrent().signingMacs();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> uses = new ArrayList<>();
			for (int use = 0; use < 2_000; use++) {
				uses.add(threads.submit(() -> {
					Mac mac = pool.borrow();
					mac.update((byte) 1);
					mac.doFinal();
					pool.giveBack(mac);
				}));
			}
			for (Future<?> use : uses) {
				use.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(pool.created()).isBetween(1, 4);
	}

}
