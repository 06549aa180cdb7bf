package dev.keycard.session.store.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.internal.AttributeDocument;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link FileSessionStore}.
 */
class FileSessionStoreTests extends AbstractSessionStoreTests {

	@TempDir
	Path temporaryDirectory;

	private Path directory;

	private FileSessionStore store;

	@BeforeEach
	void createStore() {
		this.directory = this.temporaryDirectory.resolve("sessions");
		this.store = new FileSessionStore(this.directory, Clock.systemUTC());
	}

	@Override
	protected SessionStore store() {
		return this.store;
	}

	@Test
	void sessionIsOneJsonFileNamedAfterItsKey() throws IOException {
		String key = newKey();
		Instant createdAt = now().minus(Duration.ofMinutes(1));
		Instant expiresAt = now().plus(Duration.ofHours(1));
		this.store.save(key, new SessionChanges(true, Map.of("user", "\"alice\""), Set.of(), createdAt, expiresAt));
		assertThat(sessionFileNames()).containsOnly(key + ".json");
		JsonNode document = AttributeDocument.mapper().readTree(this.directory.resolve(key + ".json").toFile());
		assertThat(document.path("createdAt").longValue()).isEqualTo(createdAt.toEpochMilli());
		assertThat(document.path("expiresAt").longValue()).isEqualTo(expiresAt.toEpochMilli());
		assertThat(document.path("attributes").path("user").stringValue()).isEqualTo("alice");
	}

	@Test
	void createdDirectoryAndSessionFilesAreReadableByTheirOwnerOnly() throws IOException {
		// Only a developer's non-POSIX machine skips this; CI (Linux) always runs it.
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
				|| "true".equals(System.getenv("CI")), "POSIX permissions are supported");
		String key = newKey();
		this.store.save(key, create(Map.of("user", "\"alice\"")));
		this.store.save(key, update(Map.of("theme", "\"dark\""), Set.of()));
		assertThat(permissions(this.directory)).isEqualTo("rwx------");
		assertThat(permissions(this.directory.resolve(key + ".json"))).isEqualTo("rw-------");
		assertThat(permissions(this.directory.resolve(".locks"))).isEqualTo("rwx------");
		try (Stream<Path> lockFiles = Files.list(this.directory.resolve(".locks"))) {
			assertThat(lockFiles).isNotEmpty()
				.allSatisfy((lockFile) -> assertThat(permissions(lockFile)).isEqualTo("rw-------"));
		}
	}

	@Test
	void corruptFilesLoadAsNull() throws IOException {
		Map<String, String> corruptContents = Map.of("truncated", "{\"createdAt\":1,\"expiresAt\":99999999999999,\"attr",
				"array", "[]", "noExpiry", "{\"createdAt\":1,\"attributes\":{}}", "textExpiry",
				"{\"createdAt\":1,\"expiresAt\":\"tomorrow\",\"attributes\":{}}", "attributesNotAnObject",
				"{\"createdAt\":1,\"expiresAt\":99999999999999,\"attributes\":[1]}", "notJson", "\u0000\u0001garbage");
		corruptContents.forEach((name, content) -> {
			String key = newKey();
			write(key + ".json", content);
			assertThat(this.store.load(key)).as(name).isNull();
		});
	}

	@Test
	void sessionFileThatIsThereButCannotBeReadMakesTheStoreUnavailableRatherThanEmpty() throws IOException {
		String key = newKey();
		// Reading fails with an I/O error, as it would on a bad disk or with too many open files.
		Files.createDirectory(this.directory.resolve(key + ".json"));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.store.load(key))
			.withMessageContaining(this.directory.toString());
	}

	@Test
	void emptyFileLoadsAsNull() {
		String key = newKey();
		write(key + ".json", "");
		assertThat(this.store.load(key)).isNull();
	}

	@Test
	void updateOfACorruptFileIsDroppedAndANewSessionReplacesIt() {
		String key = newKey();
		write(key + ".json", "{\"createdAt\":");
		assertThat(this.store.save(key, update(Map.of("a", "1"), Set.of()))).isFalse();
		assertThat(this.store.save(key, create(Map.of("b", "2")))).isTrue();
		assertThat(this.store.load(key).attributes()).isEqualTo(Map.of("b", "2"));
	}

	@Test
	void cleanupEmptiesThePrincipalIndexOfSessionsThatAreGone() throws IOException {
		String live = newKey();
		String expired = newKey();
		this.store.save(live, signedIn("alfred", now().plus(Duration.ofHours(1))));
		this.store.save(expired, signedIn("alfred", now().minus(Duration.ofSeconds(1))));
		this.store.save(newKey(), signedIn("barbara", now().minus(Duration.ofSeconds(1))));
		Path index = this.directory.resolve(".principals");
		try (Stream<Path> files = Files.walk(index)) {
			assertThat(files.filter(Files::isRegularFile)).hasSize(3);
		}

		this.store.deleteExpired();

		try (Stream<Path> files = Files.walk(index)) {
			assertThat(files.filter(Files::isRegularFile).map((file) -> file.getFileName().toString()))
				.containsExactly(live);
		}
		try (Stream<Path> directories = Files.list(index)) {
			assertThat(directories).as("barbara's directory is gone").hasSize(1);
		}
	}

	@Test
	void leftoverTemporaryFileIsIgnoredAndRemovedOnceStale() throws IOException {
		String key = newKey();
		this.store.save(key, create(Map.of("a", "1")));
		Path leftover = write("." + key + ".123456789.tmp", "{\"createdAt\":1,\"expiresAt\":99999999999999,\"attrib");
		assertThat(this.store.load(key).attributes()).isEqualTo(Map.of("a", "1"));
		assertThat(this.store.save(key, update(Map.of("b", "2"), Set.of()))).isTrue();
		this.store.deleteExpired();
		assertThat(leftover).as("a recent temporary file may be a write in progress").exists();
		Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
		assertThat(this.store.deleteExpired()).isZero();
		assertThat(leftover).doesNotExist();
		assertThat(this.store.load(key).attributes()).isEqualTo(Map.of("a", "1", "b", "2"));
	}

	@Test
	void deleteExpiredDeletesExpiredSessionsOnlyAndCountsThem() throws IOException {
		String live = newKey();
		String expired = newKey();
		String expiredEarlier = newKey();
		this.store.save(live, create(Map.of("a", "1")));
		this.store.save(expired, expiredSession());
		this.store.save(expiredEarlier, expiredSession());
		assertThat(this.store.deleteExpired()).isEqualTo(2);
		assertThat(sessionFileNames()).containsOnly(live + ".json");
		assertThat(this.store.load(live).attributes()).isEqualTo(Map.of("a", "1"));
		assertThat(this.store.deleteExpired()).isZero();
	}

	@Test
	void deleteExpiredDeletesFilesThatCanNeverLoad() throws IOException {
		String live = newKey();
		this.store.save(live, create(Map.of("a", "1")));
		write(newKey() + ".json", "{\"createdAt\":");
		assertThat(this.store.deleteExpired()).isOne();
		assertThat(sessionFileNames()).containsOnly(live + ".json");
	}

	@Test
	void deleteExpiredLeavesFilesItDoesNotOwnAlone() throws IOException {
		Path notes = write("notes.json", "{}");
		Path backup = write(".backup.tmp", "{}");
		Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		assertThat(this.store.deleteExpired()).isZero();
		assertThat(notes).exists();
		assertThat(backup).exists();
	}

	@Test
	void keysThatAreNotStoreKeysAreRefusedBeforeTheyReachAPath() {
		String escaping = "../" + "A".repeat(40);
		for (String key : new String[] { "../x", escaping, "A".repeat(42) + "/", "A".repeat(42) + ".", "" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.store.load(key));
			assertThatIllegalArgumentException().isThrownBy(() -> this.store.save(key, create(Map.of("a", "1"))));
			assertThatIllegalArgumentException().isThrownBy(() -> this.store.delete(key));
		}
		assertThat(this.temporaryDirectory.resolve("A".repeat(40) + ".json")).doesNotExist();
	}

	@Test
	void directoryThatCannotBeCreatedMakesTheStoreUnavailable() throws IOException {
		Path file = Files.writeString(this.temporaryDirectory.resolve("file"), "");
		Path impossible = file.resolve("sessions");
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> new FileSessionStore(impossible, Clock.systemUTC()))
			.withMessageContaining(impossible.toString())
			.withMessageContaining("app.session.file.directory");
	}

	@Test
	void directoryRemovedWhileInUseMakesTheStoreUnavailable() throws IOException {
		String key = newKey();
		this.store.save(key, create(Map.of("a", "1")));
		FileSystemUtils.deleteRecursively(this.directory);
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.store.load(key))
			.withMessageContaining(this.directory.toString());
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.store.save(newKey(), create(Map.of("a", "1"))))
			.withMessageContaining(this.directory.toString());
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(this.store::deleteExpired)
			.withMessageContaining(this.directory.toString());
	}

	private SessionChanges expiredSession() {
		return new SessionChanges(true, Map.of("a", "1"), Set.of(), now().minus(Duration.ofHours(2)),
				now().minus(Duration.ofSeconds(1)));
	}

	private Path write(String fileName, String content) {
		try {
			return Files.writeString(this.directory.resolve(fileName), content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String permissions(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Set<String> sessionFileNames() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".json"))
				.collect(Collectors.toSet());
		}
	}

}
