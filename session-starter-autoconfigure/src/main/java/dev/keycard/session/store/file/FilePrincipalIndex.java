package dev.keycard.session.store.file;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.keycard.session.store.internal.PrincipalKey;

/**
 * The principal index of the {@link FileSessionStore}: one directory per principal (its
 * {@link PrincipalKey}, no name in a path), holding an empty file named after each of its
 * sessions. It may list a session that is gone; the store checks every session it finds, and
 * {@link #prune(Predicate)} removes what is gone.
 */
final class FilePrincipalIndex {

	private final Path directory;

	private final FileAttribute<?>[] fileAttributes;

	private final UnaryOperator<Path> createDirectory;

	/**
	 * Create the index.
	 * @param directory the index's directory, which exists
	 * @param fileAttributes the attributes of the files it creates
	 * @param createDirectory what creates a directory with the store's permissions
	 */
	FilePrincipalIndex(Path directory, FileAttribute<?>[] fileAttributes, UnaryOperator<Path> createDirectory) {
		this.directory = directory;
		this.fileAttributes = fileAttributes;
		this.createDirectory = createDirectory;
	}

	/** File a session under a principal: an empty file, created once. */
	void file(String principal, String key) throws IOException {
		Path indexFile = indexFile(principal, key);
		if (!Files.exists(indexFile)) {
			this.createDirectory.apply(indexFile.getParent());
			try {
				Files.createFile(indexFile, this.fileAttributes);
			}
			catch (FileAlreadyExistsException ex) {
				// Filed by another process meanwhile.
			}
		}
	}

	void unfile(String principal, String key) throws IOException {
		Files.deleteIfExists(indexFile(principal, key));
	}

	/** Return the keys filed under a principal; anything else in its directory is removed. */
	List<String> keysOf(String principal) throws IOException {
		List<String> keys = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory.resolve(PrincipalKey.of(principal)))) {
			for (Path entry : entries) {
				String key = entry.getFileName().toString();
				if (SessionFileFormat.isKey(key)) {
					keys.add(key);
				}
				else {
					Files.deleteIfExists(entry);
				}
			}
		}
		catch (NoSuchFileException ex) {
			// Nobody filed under this principal.
		}
		return keys;
	}

	/** Remove the files of sessions that are gone, and the directories left empty. */
	void prune(Predicate<String> isLive) throws IOException {
		try (DirectoryStream<Path> principalDirectories = Files.newDirectoryStream(this.directory)) {
			for (Path principalDirectory : principalDirectories) {
				if (Files.isDirectory(principalDirectory)) {
					prune(principalDirectory, isLive);
				}
			}
		}
	}

	private static void prune(Path principalDirectory, Predicate<String> isLive) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(principalDirectory)) {
			for (Path entry : entries) {
				String key = entry.getFileName().toString();
				if (!SessionFileFormat.isKey(key) || !isLive.test(key)) {
					Files.deleteIfExists(entry);
				}
			}
		}
		catch (NoSuchFileException ex) {
			return;
		}
		try {
			Files.deleteIfExists(principalDirectory);
		}
		catch (DirectoryNotEmptyException ex) {
			// Still lists a session, or one was filed meanwhile.
		}
	}

	private Path indexFile(String principal, String key) {
		return this.directory.resolve(PrincipalKey.of(principal)).resolve(key);
	}

}
