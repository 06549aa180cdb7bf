package dev.keycard.session.store.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import dev.keycard.session.store.SessionChanges;

/**
 * The other process of {@link MultiProcessFileSessionStoreTests}: a JVM of its own that
 * changes sessions through its own {@link FileSessionStore} on the shared directory.
 */
final class FileSessionStoreProcess {

	/** Makes each write long enough for a kill to land in the middle of one. */
	private static final String PADDING = "\"" + "x".repeat(256 * 1024) + "\"";

	private FileSessionStoreProcess() {
	}

	/**
	 * Run one job on a session directory.
	 * <ul>
	 * <li>{@code update <directory> <key> <prefix> <count>}: print {@code ready}, wait for a line
	 * on standard input, then set the attributes {@code <prefix>1} to {@code <prefix><count>},
	 * one update each, and print {@code done}.</li>
	 * <li>{@code write-until-killed <directory> <key>...}: update the sessions in turn with an
	 * ever larger {@code value} and a large {@code padding}, printing {@code writing} before
	 * each write and {@code <key> <value>} once it is committed, until killed.</li>
	 * </ul>
	 * @param args the job and its arguments
	 * @throws IOException if standard input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		FileSessionStore store = new FileSessionStore(Path.of(args[1]), Clock.systemUTC());
		switch (args[0]) {
			case "update" -> update(store, args[2], args[3], Integer.parseInt(args[4]));
			case "write-until-killed" -> writeUntilKilled(store, Arrays.copyOfRange(args, 2, args.length));
			default -> throw new IllegalArgumentException("Unknown job " + args[0]);
		}
	}

	private static void update(FileSessionStore store, String key, String prefix, int count) throws IOException {
		report("ready");
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		for (int i = 1; i <= count; i++) {
			save(store, key, Map.of(prefix + i, String.valueOf(i)));
		}
		report("done");
	}

	private static void writeUntilKilled(FileSessionStore store, String[] keys) {
		for (long value = 1;; value++) {
			String key = keys[(int) (value % keys.length)];
			report("writing");
			save(store, key, Map.of("value", String.valueOf(value), "padding", PADDING));
			report(key + " " + value);
		}
	}

	private static void save(FileSessionStore store, String key, Map<String, String> attributes) {
		Instant now = Instant.now();
		if (!store.save(key, new SessionChanges(false, attributes, Set.of(), now, now.plus(Duration.ofHours(1))))) {
			throw new IllegalStateException("Session " + key + " is missing");
		}
	}

	private static void report(String line) {
		System.out.println(line);
		System.out.flush();
	}

}
