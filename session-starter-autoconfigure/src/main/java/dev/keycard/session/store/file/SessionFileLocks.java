package dev.keycard.session.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the changes to one session file among all the threads and processes that share
 * a session directory. A key maps to one of a fixed number of stripes; a stripe is a lock in
 * this JVM and an exclusive {@link FileLock} on {@code .locks/<stripe>.lock} for other
 * processes. Lock files are never deleted, so no process can lock a file that another has
 * just unlinked, and a process that dies releases its file locks with it.
 */
final class SessionFileLocks {

	static final String DIRECTORY_NAME = ".locks";

	private static final int STRIPES = 64;

	/**
	 * A JVM holds file locks for the whole process: a second lock on the same file from
	 * another store instance would throw OverlappingFileLockException, and closing any
	 * channel of a locked file may release the lock. So the stores of one directory share
	 * their in-JVM locks, and only the thread holding a stripe's lock opens its file.
	 */
	private static final ConcurrentMap<Path, ReentrantLock[]> STRIPES_BY_DIRECTORY = new ConcurrentHashMap<>();

	private final Path lockDirectory;

	private final ReentrantLock[] stripes;

	private final FileAttribute<?>[] fileAttributes;

	/**
	 * Create the locks of a session directory.
	 * @param directory the session directory, as {@link Path#toRealPath real path}, so that
	 * every spelling of it shares one set of locks
	 * @param fileAttributes the attributes of lock files when they are created
	 */
	SessionFileLocks(Path directory, FileAttribute<?>[] fileAttributes) {
		this.lockDirectory = directory.resolve(DIRECTORY_NAME);
		this.stripes = STRIPES_BY_DIRECTORY.computeIfAbsent(directory, (key) -> newStripes());
		this.fileAttributes = fileAttributes;
	}

	private static ReentrantLock[] newStripes() {
		ReentrantLock[] stripes = new ReentrantLock[STRIPES];
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = new ReentrantLock();
		}
		return stripes;
	}

	/**
	 * Run an action while holding the lock of a key, in this JVM and in every other process.
	 * @param <T> the result type
	 * @param key the session key
	 * @param action the action
	 * @return the result of the action
	 * @throws IOException if the lock file cannot be opened or locked, or the action fails
	 */
	<T> T callLocked(String key, LockedAction<T> action) throws IOException {
		// String.hashCode is specified by the JLS, so every JVM picks the same stripe for a key.
		int stripe = Math.floorMod(key.hashCode(), STRIPES);
		ReentrantLock lock = this.stripes[stripe];
		lock.lock();
		try (FileChannel channel = FileChannel.open(this.lockDirectory.resolve(stripe + ".lock"),
				Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), this.fileAttributes)) {
			// Closing the channel releases the lock.
			channel.lock();
			return action.call();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Work done under the lock of a key.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	interface LockedAction<T> {

		T call() throws IOException;

	}

}
