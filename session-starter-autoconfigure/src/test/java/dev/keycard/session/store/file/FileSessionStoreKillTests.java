package dev.keycard.session.store.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round after round, two writer processes share one session directory and are killed with
 * {@code SIGKILL} ({@code kill -9}) in the middle of their writes, while this JVM writes too.
 * After every round each session file is complete, every session holds at least the last
 * value its writer reported committed and no value it never wrote, and the sessions of earlier
 * rounds are untouched. {@link MultiProcessFileSessionStoreTests} kills one writer once; this
 * test does it {@value #ROUNDS} times over, to two writers at a time, with the same
 * {@link FileSessionStoreProcess}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileSessionStoreKillTests {

	private static final int ROUNDS = 5;

	private static final int WRITERS = 2;

	private static final int KEYS_PER_WRITER = 3;

	private static final int COMMITS_BEFORE_KILL = 12;

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killProcesses() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly().waitFor();
		}
	}

	@Test
	void writersKilledMidWriteRoundAfterRoundLeaveCompleteFilesAndLoseNoCommittedSession() throws Exception {
		FileSessionStore store = new FileSessionStore(this.directory, Clock.systemUTC());
		Map<String, Long> committedInEarlierRounds = new HashMap<>();
		int kills = 0;
		int commits = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			List<Writer> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				List<String> keys = new ArrayList<>();
				for (int k = 0; k < KEYS_PER_WRITER; k++) {
					String key = newKey();
					store.save(key, changes(true, Map.of("value", "0")));
					keys.add(key);
				}
				writers.add(new Writer(keys, start(keys)));
			}
			for (Writer writer : writers) {
				writer.awaitCommits(COMMITS_BEFORE_KILL);
			}
			String ownKey = newKey();
			store.save(ownKey, changes(true, Map.of("value", "0")));
			for (Writer writer : writers) {
				// Kill as a write starts, for the best chance of landing in the middle of one.
				writer.awaitLine("writing");
				assertThat(writer.process.toHandle().destroyForcibly()).isTrue();
				writer.process.waitFor();
				writer.drain();
				kills++;
				assertThat(store.save(ownKey, changes(false, Map.of("value", String.valueOf(kills)))))
					.as("this JVM writes between the kills")
					.isTrue();
			}
			assertEverySessionFileIsComplete();
			for (Writer writer : writers) {
				assertThat(writer.lastCommitted).as("round %d: writes committed", round).containsOnlyKeys(writer.keys);
				for (String key : writer.keys) {
					SessionRecord record = store.load(key);
					assertThat(record).as("round %d: session %s", round, key).isNotNull();
					long stored = Long.parseLong(record.attributes().get("value"));
					long committed = writer.lastCommitted.get(key);
					assertThat(stored).as("round %d: value of session %s", round, key)
						.isBetween(committed, committed + KEYS_PER_WRITER);
					assertThat(store.save(key, changes(false, Map.of("after", "true"))))
						.as("the killed process's lock on %s is released", key)
						.isTrue();
					committedInEarlierRounds.put(key, stored);
				}
				commits += writer.commits;
			}
			committedInEarlierRounds.put(ownKey, (long) kills);
			committedInEarlierRounds.forEach((key, value) -> assertThat(store.load(key).attributes().get("value"))
				.as("a session of an earlier round").isEqualTo(String.valueOf(value)));
		}
		System.out.println("File store: " + kills + " writer processes killed with SIGKILL mid-write over " + ROUNDS
				+ " rounds after " + commits + " committed writes, " + committedInEarlierRounds.size() + " sessions checked after each round, none lost, "
				+ "no torn file");
		assertThat(kills).isEqualTo(ROUNDS * WRITERS);
		assertThat(commits).isPositive();
	}

	private void assertEverySessionFileIsComplete() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".json")).toList()) {
				assertThat(SessionFileFormat.read(file)).as("session file %s", file).isNotNull();
			}
		}
	}

	private Process start(List<String> keys) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), FileSessionStoreProcess.class.getName(), "write-until-killed",
				this.directory.toString()));
		command.addAll(keys);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		return process;
	}

	private static String newKey() {
		return SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
	}

	private static SessionChanges changes(boolean isNew, Map<String, String> attributes) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new SessionChanges(isNew, attributes, Set.of(), now, now.plus(Duration.ofHours(1)));
	}

	/** One writer process and what it reported: {@code writing}, then {@code <key> <value>} once committed. */
	private static final class Writer {

		private final List<String> keys;

		private final Process process;

		private final BufferedReader output;

		private final Map<String, Long> lastCommitted = new HashMap<>();

		private final StringBuilder otherOutput = new StringBuilder();

		private int commits;

		Writer(List<String> keys, Process process) {
			this.keys = keys;
			this.process = process;
			this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void awaitCommits(int count) throws IOException {
			String line;
			while (this.commits < count && (line = this.output.readLine()) != null) {
				record(line);
			}
			assertThat(this.commits).as("commits before the kill; other output:%n%s", this.otherOutput)
				.isEqualTo(count);
		}

		void awaitLine(String expected) throws IOException {
			String line;
			while ((line = this.output.readLine()) != null) {
				record(line);
				if (line.equals(expected)) {
					return;
				}
			}
			throw new IllegalStateException("The writer ended without printing '" + expected + "': " + this.otherOutput);
		}

		/** Read what the writer printed before it died: the kill keeps the pipe open. */
		void drain() throws IOException {
			String line;
			while ((line = this.output.readLine()) != null) {
				record(line);
			}
		}

		private void record(String line) {
			if (line.equals("writing")) {
				return;
			}
			String[] keyAndValue = line.split(" ");
			if (keyAndValue.length == 2 && keyAndValue[1].matches("[0-9]+")) {
				this.lastCommitted.put(keyAndValue[0], Long.parseLong(keyAndValue[1]));
				this.commits++;
			}
			else {
				this.otherOutput.append(line).append(System.lineSeparator());
			}
		}

	}

}
