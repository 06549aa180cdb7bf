package dev.keycard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} of the test's own, on a free port, so that an outage can be caused
 * without touching the machine's shared Redis. Its data is written to an append-only file
 * with every write synced, so that it survives a stop and start as a real deployment's would.
 */
final class PrivateRedisServer implements AutoCloseable {

	private final Path directory;

	private final int port;

	private @Nullable Process process;

	private PrivateRedisServer(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	static PrivateRedisServer start(Path directory) {
		PrivateRedisServer server = new PrivateRedisServer(directory, freePort());
		server.start();
		return server;
	}

	int port() {
		return this.port;
	}

	void start() {
		ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir",
				this.directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis.log").toFile()));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server; is it installed (Debian package redis-server)?",
					ex);
		}
		Awaitility.await("private redis-server on port " + this.port)
			.atMost(Duration.ofSeconds(20))
			.until(this::answersPing);
	}

	void stop() {
		Process process = this.process;
		if (process != null) {
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			socket.setSoTimeout(1000);
			OutputStream output = socket.getOutputStream();
			output.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			output.flush();
			String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return "+PONG".equals(reply);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
