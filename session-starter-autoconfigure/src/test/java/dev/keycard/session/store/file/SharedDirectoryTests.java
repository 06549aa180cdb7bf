package dev.keycard.session.store.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FileSessionStore} instances of one JVM that share a directory, as the
 * stores of two application contexts do.
 */
class SharedDirectoryTests {

	private static final int THREADS_PER_STORE = 4;

	private static final int UPDATES_PER_THREAD = 25;

	@TempDir
	Path directory;

	@Test
	void storesOnOneDirectorySeeEachOthersSessions() {
		FileSessionStore first = new FileSessionStore(this.directory, Clock.systemUTC());
		FileSessionStore second = new FileSessionStore(this.directory, Clock.systemUTC());
		String key = SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
		first.save(key, changes(true, "user", "\"alice\""));
		assertThat(second.load(key).attributes()).isEqualTo(Map.of("user", "\"alice\""));
		assertThat(second.save(key, changes(false, "theme", "\"dark\""))).isTrue();
		assertThat(first.load(key).attributes()).isEqualTo(Map.of("user", "\"alice\"", "theme", "\"dark\""));
		second.delete(key);
		assertThat(first.load(key)).isNull();
		assertThat(first.save(key, changes(false, "theme", "\"light\""))).isFalse();
	}

	@Test
	void concurrentUpdatesThroughTwoStoresAllSurvive() throws Exception {
		assertConcurrentUpdatesSurvive(new FileSessionStore(this.directory, Clock.systemUTC()),
				new FileSessionStore(this.directory, Clock.systemUTC()));
	}

	@Test
	void storesReachingTheDirectoryThroughASymbolicLinkShareItsLocks() throws Exception {
		Path sessions = Files.createDirectory(this.directory.resolve("sessions"));
		Path link = Files.createSymbolicLink(this.directory.resolve("link"), sessions);
		assertConcurrentUpdatesSurvive(new FileSessionStore(sessions, Clock.systemUTC()),
				new FileSessionStore(link, Clock.systemUTC()));
	}

	private void assertConcurrentUpdatesSurvive(FileSessionStore first, FileSessionStore second) throws Exception {
		String key = SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
		first.save(key, changes(true, "start", "0"));
		ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS_PER_STORE);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> futures = new ArrayList<>();
			for (int thread = 0; thread < 2 * THREADS_PER_STORE; thread++) {
				FileSessionStore store = (thread % 2 == 0) ? first : second;
				String attribute = "thread" + thread;
				futures.add(executor.submit(() -> {
					start.await();
					boolean allSaved = true;
					for (int i = 1; i <= UPDATES_PER_THREAD; i++) {
						allSaved &= store.save(key, changes(false, attribute, String.valueOf(i)));
					}
					return allSaved;
				}));
			}
			start.countDown();
			for (Future<Boolean> future : futures) {
				assertThat(future.get(60, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, String> attributes = second.load(key).attributes();
		assertThat(attributes).containsEntry("start", "0").hasSize(2 * THREADS_PER_STORE + 1);
		for (int thread = 0; thread < 2 * THREADS_PER_STORE; thread++) {
			assertThat(attributes).containsEntry("thread" + thread, String.valueOf(UPDATES_PER_THREAD));
		}
	}

	private static SessionChanges changes(boolean isNew, String attribute, String json) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(isNew, Map.of(attribute, json), Set.of(), now, now.plus(Duration.ofHours(1)));
	}

}
