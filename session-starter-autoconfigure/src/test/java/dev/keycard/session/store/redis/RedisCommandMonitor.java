package dev.keycard.session.store.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Watches what a Redis server executes, with {@code MONITOR}, so that a test can count what one
 * operation costs on the server even while other clients use the same server.
 */
final class RedisCommandMonitor implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader reader;

	private RedisCommandMonitor(String host, int port) {
		try {
			this.socket = new Socket(host, port);
			this.socket.setSoTimeout(5_000);
			this.socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			String reply = this.reader.readLine();
			if (!"+OK".equals(reply)) {
				throw new IllegalStateException("MONITOR answered " + reply);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not monitor Redis at " + host + ":" + port, ex);
		}
	}

	/**
	 * Return the commands Redis executed for an operation on a connection factory's shared
	 * connection. Commands run by scripts are not counted: they cost no round trip.
	 * @param connectionFactory the factory the operation uses, sharing its native connection
	 * @param operation the operation
	 * @return the command names, lower case, in the order Redis executed them
	 */
	static List<String> commandsOf(LettuceConnectionFactory connectionFactory, Runnable operation) {
		String marker = "keycard-test-end-" + UUID.randomUUID();
		try (RedisCommandMonitor monitor = new RedisCommandMonitor(connectionFactory.getHostName(),
				connectionFactory.getPort())) {
			operation.run();
			// On the same connection as the operation, so Redis executes it after the operation
			new StringRedisTemplate(connectionFactory).execute(
					(RedisCallback<byte[]>) (connection) -> connection.echo(marker.getBytes(StandardCharsets.UTF_8)));
			return monitor.commandsBefore(marker);
		}
	}

	/** Read until a client echoes the marker, and return what that client sent before it. */
	private List<String> commandsBefore(String marker) {
		List<Executed> executed = new ArrayList<>();
		try {
			for (String line = this.reader.readLine(); line != null; line = this.reader.readLine()) {
				// +1700000000.123456 [0 127.0.0.1:54321] "hgetall" "keycard:session:..."
				String client = line.substring(line.indexOf(' ', line.indexOf('[')) + 1, line.indexOf(']'));
				String command = line.substring(line.indexOf("] \"") + 3, line.indexOf('"', line.indexOf("] \"") + 3))
					.toLowerCase(Locale.ROOT);
				if (command.equals("echo") && line.endsWith("\"" + marker + "\"")) {
					return executed.stream().filter((seen) -> seen.client().equals(client)).map(Executed::command).toList();
				}
				executed.add(new Executed(client, command));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("MONITOR did not show the marker " + marker, ex);
		}
		throw new IllegalStateException("Redis closed the MONITOR connection before the marker " + marker);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Executed(String client, String command) {
	}

}
