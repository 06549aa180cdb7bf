package dev.keycard.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One {@code redis-server} child process of a cluster or a Sentinel setup, on a port of its own,
 * with its files and its log in a directory of its own: started, waited for until it answers
 * {@code PING}, and killed as a crash would.
 */
final class RedisProcess {

	private final int port;

	private final Path directory;

	private final Process process;

	private RedisProcess(int port, Path directory, Process process) {
		this.port = port;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * Start a process and wait until it answers.
	 * @param port the port it listens on, on 127.0.0.1
	 * @param directory where its files and its log go; created if need be
	 * @param arguments what follows the program's name: a configuration file, options
	 * @return the running process
	 */
	static RedisProcess start(int port, Path directory, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(RedisBinary.find("redis-server"));
		command.addAll(arguments);
		Process process;
		try {
			Files.createDirectories(directory);
			process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
		RedisProcess started = new RedisProcess(port, directory, process);
		await("redis-server answering on port " + port).atMost(Duration.ofSeconds(10))
			.failFast("redis-server on port " + port + " exited; see " + directory.resolve("redis.log"),
					() -> !process.isAlive())
			.until(started::answersPing);
		return started;
	}

	int port() {
		return this.port;
	}

	Path directory() {
		return this.directory;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kill the process with SIGKILL, as a crash would: nothing is flushed or handed over. */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("redis-server on port " + this.port + " did not exit");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while killing redis-server on port " + this.port, ex);
		}
	}

	private boolean answersPing() {
		try {
			return "+PONG".equals(RedisCall.on(this.port, "PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return a port nothing listens on now, on loopback.
	 * @return the port
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port", ex);
		}
	}

}
