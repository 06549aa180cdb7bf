package dev.keycard.session.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instances a codec needs (a {@code Mac}, a {@code Cipher}, a {@code MessageDigest}) are
 * reused across threads, so that a server that runs each request on a thread of its own
 * (virtual threads) does not create them on every request.
 */
class InstancePoolTests {

	private static final KeyRing KEY_RING = KeyRing.of("Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa", List.of());

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void signingOnAThreadPerRequestReusesOneMac() throws Exception {
		SignedSessionCodec codec = new SignedSessionCodec(KEY_RING);
		SessionToken token = new SessionToken(NOW, NOW, NOW.plusSeconds(60), "{\"a\":1}".getBytes());
		for (int request = 0; request < 200; request++) {
			Thread thread = new Thread(() -> {
				String value = codec.encode("session", token);
				assertThat(codec.decode("session", value, NOW)).isNotNull();
			});
			thread.start();
			thread.join();
		}
		assertThat(KEY_RING.getCurrent().signingMacs().created()).isEqualTo(1);
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

	@Test
	void encryptingOnAThreadPerRequestReusesOneCipher() throws Exception {
		EncryptedSessionCodec codec = new EncryptedSessionCodec(KEY_RING);
		SessionToken token = new SessionToken(NOW, NOW, NOW.plusSeconds(60), "{\"a\":1}".getBytes());
		for (int request = 0; request < 200; request++) {
			Thread thread = new Thread(() -> {
				String value = codec.encode("session", token);
				assertThat(codec.decode("session", value, NOW)).isNotNull();
			});
			thread.start();
			thread.join();
		}
		assertThat(codec.ciphersCreated()).isEqualTo(1);
	}

}
