package dev.keycard.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} child process on a free port of its own, which a test may stop and
 * start again to simulate an outage without disturbing the shared server on port 6379
 * (../shared/services.md): the one fixture of every test that needs a Redis of its own.
 */
public final class PrivateRedisServer implements AutoCloseable {

	private final String binary = RedisBinary.find("redis-server");

	private final int port = RedisProcess.freePort();

	private final @Nullable Path directory;

	private @Nullable Process process;

	private PrivateRedisServer(@Nullable Path directory) {
		this.directory = directory;
	}

	/**
	 * Return a server that keeps nothing on disk: a restart starts empty.
	 * @return the server, not started
	 */
	public static PrivateRedisServer inMemory() {
		return new PrivateRedisServer(null);
	}

	/**
	 * Return a server that writes every command to an append-only file, synced on every write,
	 * so that its data survives a stop and start as a real deployment's would.
	 * @param directory where its file and its log go
	 * @return the server, not started
	 */
	public static PrivateRedisServer persistent(Path directory) {
		return new PrivateRedisServer(directory);
	}

	public int port() {
		return this.port;
	}

	/**
	 * Start the server, on the same port every time, and wait until it answers.
	 */
	public void start() {
		if (this.process != null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is already running");
		}
		List<String> command = new ArrayList<>(List.of(this.binary, "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", ""));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (this.directory != null) {
			command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", this.directory.toString()));
			builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis.log").toFile()));
		}
		else {
			command.addAll(List.of("--appendonly", "no"));
			builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		}
		try {
			this.process = builder.command(command).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.binary, ex);
		}
		Process started = this.process;
		await("redis-server answering on port " + this.port).atMost(Duration.ofSeconds(10))
			.failFast("redis-server on port " + this.port + " exited", () -> !started.isAlive())
			.until(this::answersPing);
	}

	/**
	 * Stop the server and wait until it has exited: an in-memory server is killed, as a crash
	 * would; a persistent one is asked to shut down first, as an operator would, so that its
	 * append-only file is whole when it starts again.
	 */
	public void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		try {
			if (this.directory != null) {
				running.destroy();
				if (running.waitFor(10, TimeUnit.SECONDS)) {
					return;
				}
			}
			running.destroyForcibly();
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("redis-server on port " + this.port + " did not exit");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping redis-server on port " + this.port, ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Run one command on a connection of its own, outside the client under test.
	 * @param arguments the command and its arguments
	 * @return the reply: a status, an integer or a bulk string, as text
	 * @throws IOException if the server cannot be reached
	 */
	public @Nullable String call(String... arguments) throws IOException {
		return RedisCall.on(this.port, arguments);
	}

	private boolean answersPing() {
		try {
			return "+PONG".equals(call("PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
