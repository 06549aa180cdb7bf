package dev.keycard.session.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.internal.AttributeDocument;

/**
 * Keeps each session in its own JSON file in one directory, so that sessions survive a
 * restart and are shared by every process that uses the directory: the workers of one
 * application, or several applications on one machine behind a load balancer. A session with
 * key {@code K} is the file {@code K.json}:
 *
 * <pre class="code">
 * {"createdAt":1767225600000,"expiresAt":1768435200000,"attributes":{"user":"alice","cart":[1,2,3]}}
 * </pre>
 *
 * <ul>
 * <li>Changes to one session are serialized with a lock in this JVM and a file lock for other
 * processes, and merged into what is on disk: two requests that change different attributes
 * at the same time both survive, whichever processes serve them.</li>
 * <li>Writes are atomic: a session is written to a temporary file, forced to disk, and renamed
 * over the old one. A crash leaves the old or the new session, never part of one. Reads take
 * no lock.</li>
 * <li>Sessions are sensitive: a directory the store creates is readable by its owner only
 * ({@code rwx------}), and so is every session file ({@code rw-------}), where the file
 * system has POSIX permissions. A directory that exists keeps its permissions.</li>
 * <li>An expired session is never loaded, but its file stays until {@link #deleteExpired()}
 * removes it: call it regularly, for example from a scheduled task. Any number of processes
 * may call it at the same time.</li>
 * <li>The directory must be on a file system whose file locks work across processes, such as
 * a local disk; the lock files are in its {@code .locks} subdirectory and are never
 * deleted.</li>
 * <li>The sessions of a signed-in user are filed in the principal index, the
 * {@code .principals} subdirectory: one directory per principal (its {@code PrincipalKey}),
 * holding an empty file named after each of its sessions. Files of sessions that are gone are
 * removed when the principal's sessions are listed and by {@link #deleteExpired()}.</li>
 * </ul>
 */
public final class FileSessionStore implements SessionStore {

	/** A temporary file this old is left over from a crash, not a write in progress. */
	private static final Duration STALE_TEMPORARY_FILE_AGE = Duration.ofMinutes(1);

	private static final String PRINCIPALS_DIRECTORY = ".principals";

	private final Path directory;

	private final Clock clock;

	private final FileAttribute<?>[] fileAttributes;

	private final SessionFileLocks locks;

	private final FilePrincipalIndex index;

	/**
	 * Create a store, and its directory if it is missing.
	 * @param directory where the session files are kept
	 * @param clock the clock that decides expiry
	 * @throws SessionStoreUnavailableException if the directory cannot be created or written
	 */
	public FileSessionStore(Path directory, Clock clock) {
		Assert.notNull(directory, "directory must not be null");
		Assert.notNull(clock, "clock must not be null");
		Path absolute = directory.toAbsolutePath().normalize();
		boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
		this.directory = createDirectory(absolute, posix);
		createDirectory(this.directory.resolve(SessionFileLocks.DIRECTORY_NAME), posix);
		this.clock = clock;
		this.fileAttributes = posix ? new FileAttribute<?>[] { ownerOnly("rw-------") } : new FileAttribute<?>[0];
		this.index = new FilePrincipalIndex(createDirectory(this.directory.resolve(PRINCIPALS_DIRECTORY), posix),
				this.fileAttributes, (indexDirectory) -> createDirectory(indexDirectory, posix));
		this.locks = new SessionFileLocks(this.directory, this.fileAttributes);
	}

	private static Path createDirectory(Path directory, boolean posix) {
		try {
			if (!Files.isDirectory(directory)) {
				Path parent = directory.getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				try {
					if (posix) {
						Files.createDirectory(directory, ownerOnly("rwx------"));
					}
					else {
						Files.createDirectory(directory);
					}
				}
				catch (FileAlreadyExistsException ex) {
					// Another process may have created it meanwhile, which is fine.
					if (!Files.isDirectory(directory)) {
						throw ex;
					}
				}
			}
			if (!Files.isWritable(directory)) {
				throw new AccessDeniedException(directory.toString(), null, "not writable by this process");
			}
			return directory.toRealPath();
		}
		catch (IOException ex) {
			throw new SessionStoreUnavailableException("Session directory " + directory + " cannot be used ("
					+ describe(ex) + "). Set app.session.file.directory to a directory this process can create "
					+ "and write.", ex);
		}
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly(String permissions) {
		return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		Path file = sessionFile(key);
		try {
			SessionRecord record = SessionFileFormat.read(file);
			return (record != null && record.expiresAt().isAfter(this.clock.instant())) ? record : null;
		}
		catch (NoSuchFileException ex) {
			// No file is no session; no directory is an outage for everyone.
			if (!Files.isDirectory(this.directory)) {
				throw unavailable("load a session", ex);
			}
			return null;
		}
		catch (IOException ex) {
			// A file that is there but cannot be read is not an empty session: its data would be lost.
			throw unavailable("load a session", ex);
		}
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		Path file = sessionFile(key);
		Assert.notNull(changes, "changes must not be null");
		try {
			return this.locks.callLocked(key, () -> {
				Map<String, String> attributes = new LinkedHashMap<>();
				// A new session has a new random key: nothing to read. (Should a new record replace an
				// old one, the old principal's index file is pruned when listed: the record says otherwise.)
				SessionRecord stored = changes.isNew() ? null : readIfExists(file);
				if (!changes.isNew()) {
					if (stored == null || !stored.expiresAt().isAfter(this.clock.instant())) {
						return false;
					}
					attributes.putAll(stored.attributes());
				}
				changes.applyTo(attributes);
				write(key, file, SessionFileFormat.write(attributes, changes.createdAt(), changes.expiresAt()));
				String previous = (stored != null) ? AttributeDocument.principalOf(stored.attributes()) : null;
				if (previous != null && !previous.equals(changes.principal())) {
					this.index.unfile(previous, key);
				}
				if (changes.principal() != null) {
					this.index.file(changes.principal(), key);
				}
				return true;
			});
		}
		catch (IOException ex) {
			throw unavailable("save a session", ex);
		}
	}

	@Override
	public void delete(String key) {
		Path file = sessionFile(key);
		try {
			this.locks.callLocked(key, () -> {
				SessionRecord stored = readIfExists(file);
				String principal = (stored != null) ? AttributeDocument.principalOf(stored.attributes()) : null;
				if (principal != null) {
					this.index.unfile(principal, key);
				}
				return Files.deleteIfExists(file);
			});
		}
		catch (IOException ex) {
			throw unavailable("delete a session", ex);
		}
	}

	@Override
	public boolean isIndexedByPrincipal() {
		return true;
	}

	@Override
	public Map<String, SessionRecord> findByPrincipal(String principal) {
		Map<String, SessionRecord> found = new LinkedHashMap<>();
		try {
			for (String key : this.index.keysOf(principal)) {
				SessionRecord record = load(key);
				if (record != null && principal.equals(AttributeDocument.principalOf(record.attributes()))) {
					found.put(key, record);
				}
				else {
					this.index.unfile(principal, key);
				}
			}
		}
		catch (IOException ex) {
			throw unavailable("list a principal's sessions", ex);
		}
		catch (DirectoryIteratorException ex) {
			throw unavailable("list a principal's sessions", ex.getCause());
		}
		return found;
	}

	/** Whether the session of a key is there and live, for pruning the index. */
	private boolean isLive(String key, Instant now) {
		try {
			SessionRecord record = readIfExists(sessionFile(key));
			return record != null && record.expiresAt().isAfter(now);
		}
		catch (IOException ex) {
			// Unreadable now: kept in the index, which the store checks on every listing.
			return true;
		}
	}

	/**
	 * Delete the files of expired sessions, files that cannot be read as a session (they
	 * would never load), and temporary files older than a minute, left over from a crash.
	 * Safe while other threads and processes use the directory, and while they call this
	 * method too.
	 * @return how many session files were deleted
	 * @throws SessionStoreUnavailableException if the directory cannot be read or changed
	 */
	public int deleteExpired() {
		Instant now = this.clock.instant();
		int deleted = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				String sessionKey = SessionFileFormat.keyOfSessionFile(name);
				if (sessionKey != null && deleteIfExpired(sessionKey, entry, now)) {
					deleted++;
				}
				String temporaryFileKey = SessionFileFormat.keyOfTemporaryFile(name);
				if (temporaryFileKey != null) {
					deleteIfStale(temporaryFileKey, entry, now);
				}
			}
			this.index.prune((key) -> isLive(key, now));
		}
		catch (IOException ex) {
			throw unavailable("delete expired sessions", ex);
		}
		catch (DirectoryIteratorException ex) {
			throw unavailable("delete expired sessions", ex.getCause());
		}
		return deleted;
	}

	private boolean deleteIfExpired(String key, Path file, Instant now) throws IOException {
		// Most sessions are live: check before taking the lock, and again under it.
		return isDeletable(file, now)
				&& this.locks.callLocked(key, () -> isDeletable(file, now) && Files.deleteIfExists(file));
	}

	private static boolean isDeletable(Path file, Instant now) throws IOException {
		try {
			SessionRecord record = SessionFileFormat.read(file);
			return record == null || !record.expiresAt().isAfter(now);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	private void deleteIfStale(String key, Path temporaryFile, Instant now) throws IOException {
		// Old, it is almost certainly left over; under the lock it certainly is, as every write
		// holds the lock from creating its temporary file until renaming it.
		if (isStale(temporaryFile, now)) {
			this.locks.callLocked(key, () -> isStale(temporaryFile, now) && Files.deleteIfExists(temporaryFile));
		}
	}

	private static boolean isStale(Path temporaryFile, Instant now) throws IOException {
		try {
			return Files.getLastModifiedTime(temporaryFile).toInstant().isBefore(now.minus(STALE_TEMPORARY_FILE_AGE));
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	private static @Nullable SessionRecord readIfExists(Path file) throws IOException {
		try {
			return SessionFileFormat.read(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private void write(String key, Path file, String document) throws IOException {
		Path temporaryFile = Files.createTempFile(this.directory, SessionFileFormat.temporaryFilePrefix(key),
				SessionFileFormat.TEMPORARY_SUFFIX, this.fileAttributes);
		try {
			try (FileChannel channel = FileChannel.open(temporaryFile, StandardOpenOption.WRITE)) {
				ByteBuffer bytes = ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			Files.move(temporaryFile, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			try {
				Files.deleteIfExists(temporaryFile);
			}
			catch (IOException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	private Path sessionFile(String key) {
		Assert.notNull(key, "key must not be null");
		return this.directory.resolve(SessionFileFormat.sessionFileName(key));
	}

	private SessionStoreUnavailableException unavailable(String action, Throwable ex) {
		return new SessionStoreUnavailableException("Cannot " + action + " in session directory " + this.directory
				+ " (" + describe(ex) + "): check that it exists, that this process can write it, and that its disk "
				+ "has space.", ex);
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	@Override
	public String getName() {
		return "file";
	}

}
