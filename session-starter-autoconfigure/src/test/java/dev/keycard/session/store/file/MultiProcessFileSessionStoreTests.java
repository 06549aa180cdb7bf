package dev.keycard.session.store.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link FileSessionStore} shared by two processes, as by the workers of one
 * application: this JVM and a second one running {@link FileSessionStoreProcess}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiProcessFileSessionStoreTests {

	private static final int UPDATES = 60;

	private static final int THREADS = 2;

	@TempDir
	Path directory;

	private FileSessionStore store;

	private final List<Process> processes = new ArrayList<>();

	@BeforeEach
	void createStore() {
		this.store = new FileSessionStore(this.directory, Clock.systemUTC());
	}

	@AfterEach
	void killProcesses() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly().waitFor();
		}
	}

	@Test
	void concurrentUpdatesFromTwoProcessesAllSurvive() throws Exception {
		String key = newKey();
		this.store.save(key, changes(true, Map.of("start", "0")));
		Process child = start("update", this.directory.toString(), key, "child", String.valueOf(UPDATES));
		BufferedReader output = output(child);
		awaitLine(output, "ready");
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> futures = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				String prefix = "parent" + thread + "-";
				futures.add(executor.submit(() -> {
					start.await();
					boolean allSaved = true;
					for (int i = 1; i <= UPDATES; i++) {
						allSaved &= this.store.save(key, changes(false, Map.of(prefix + i, String.valueOf(i))));
					}
					return allSaved;
				}));
			}
			try (Writer input = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
				input.write("go\n");
			}
			start.countDown();
			for (Future<Boolean> future : futures) {
				assertThat(future.get(60, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
		awaitLine(output, "done");
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).isZero();
		Map<String, String> attributes = this.store.load(key).attributes();
		assertThat(attributes).containsEntry("start", "0").hasSize(1 + (THREADS + 1) * UPDATES);
		for (int i = 1; i <= UPDATES; i++) {
			assertThat(attributes).containsEntry("child" + i, String.valueOf(i));
			for (int thread = 0; thread < THREADS; thread++) {
				assertThat(attributes).containsEntry("parent" + thread + "-" + i, String.valueOf(i));
			}
		}
	}

	@Test
	void writerKilledMidRunLeavesOnlyCompleteFilesWithItsLastCommittedWrites() throws Exception {
		List<String> keys = List.of(newKey(), newKey(), newKey());
		for (String key : keys) {
			this.store.save(key, changes(true, Map.of("value", "0")));
		}
		List<String> command = new ArrayList<>(List.of("write-until-killed", this.directory.toString()));
		command.addAll(keys);
		Process child = start(command.toArray(String[]::new));
		BufferedReader output = output(child);
		Map<String, Long> lastCommitted = new HashMap<>();
		StringBuilder otherOutput = new StringBuilder();
		int committed = 0;
		String line;
		while (committed < 30 && (line = output.readLine()) != null) {
			committed += recordCommit(line, lastCommitted, otherOutput);
		}
		assertThat(committed).as("writes committed before the kill; other output:%n%s", otherOutput).isEqualTo(30);
		// Kill as the next write starts, for the best chance of interrupting one.
		awaitLine(output, "writing");
		// SIGKILL through the handle: Process.destroyForcibly would also close the pipe, losing
		// the last lines the process printed before it died.
		assertThat(child.toHandle().destroyForcibly()).isTrue();
		child.waitFor();
		while ((line = output.readLine()) != null) {
			recordCommit(line, lastCommitted, otherOutput);
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".json")).toList()) {
				JsonNode document = AttributeDocument.mapper().readTree(file.toFile());
				assertThat(document.path("expiresAt").isIntegralNumber()).as(file.toString()).isTrue();
				assertThat(document.path("attributes").path("value").isIntegralNumber()).as(file.toString()).isTrue();
			}
		}
		assertThat(lastCommitted).containsOnlyKeys(keys);
		for (String key : keys) {
			SessionRecord record = this.store.load(key);
			assertThat(record).as("session %s", key).isNotNull();
			assertThat(Long.parseLong(record.attributes().get("value"))).as("value of session %s", key)
				.isGreaterThanOrEqualTo(lastCommitted.get(key));
			assertThat(this.store.save(key, changes(false, Map.of("after", "true"))))
				.as("the killed process's file locks are released")
				.isTrue();
		}
	}

	private static int recordCommit(String line, Map<String, Long> lastCommitted, StringBuilder otherOutput) {
		if (line.equals("writing")) {
			return 0;
		}
		String[] keyAndValue = line.split(" ");
		if (keyAndValue.length != 2 || !keyAndValue[1].matches("[0-9]+")) {
			otherOutput.append(line).append(System.lineSeparator());
			return 0;
		}
		lastCommitted.put(keyAndValue[0], Long.parseLong(keyAndValue[1]));
		return 1;
	}

	private Process start(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(FileSessionStoreProcess.class.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		return process;
	}

	private static BufferedReader output(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	private static void awaitLine(BufferedReader output, String expected) throws IOException {
		StringBuilder otherOutput = new StringBuilder();
		String line;
		while ((line = output.readLine()) != null) {
			if (line.equals(expected)) {
				return;
			}
			otherOutput.append(line).append(System.lineSeparator());
		}
		fail("The other process ended without printing '%s'; it printed:%n%s", expected, otherOutput);
	}

	private static String newKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
	}

	private static SessionChanges changes(boolean isNew, Map<String, String> attributes) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(isNew, attributes, Set.of(), now, now.plus(Duration.ofHours(1)));
	}

}
