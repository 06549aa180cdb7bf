package dev.keycard.session.testsupport;

import java.io.File;

/**
 * Finds a Redis program: on the {@code PATH}, else where Debian's {@code redis-server} and
 * {@code redis-tools} packages put it. A missing program fails the test that needs it, with the
 * command that installs it, so that CI never skips a Redis test.
 */
final class RedisBinary {

	private RedisBinary() {
	}

	/**
	 * Return the path of a Redis program.
	 * @param name {@code redis-server} or {@code redis-cli}
	 * @return its path
	 * @throws IllegalStateException if it is nowhere to be found
	 */
	static String find(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(directory, name);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		File fallback = new File("/usr/bin", name);
		if (fallback.canExecute()) {
			return fallback.getPath();
		}
		throw new IllegalStateException(name + " is neither on the PATH nor in /usr/bin: install it (apt-get install"
				+ " redis-server, which brings redis-cli too)");
	}

}
