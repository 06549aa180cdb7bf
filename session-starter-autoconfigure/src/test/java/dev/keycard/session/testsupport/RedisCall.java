package dev.keycard.session.testsupport;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One command sent to a Redis process on loopback, on a connection of its own, outside any
 * client under test: how the private servers check on themselves and how tests look inside them.
 */
public final class RedisCall {

	private RedisCall() {
	}

	/**
	 * Run one command.
	 * @param port the port of the Redis process on 127.0.0.1
	 * @param arguments the command and its arguments
	 * @return the reply: a status (with its {@code +} or {@code -}), an integer (with its
	 * {@code :}) or a bulk string, as text; for an array, its first line only
	 * @throws IOException if the process cannot be reached
	 */
	public static @Nullable String on(int port, String... arguments) throws IOException {
		StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
				.append(argument).append("\r\n");
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(2_000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String reply = reader.readLine();
			if (reply == null || !reply.startsWith("$") || reply.equals("$-1")) {
				return reply;
			}
			char[] bulk = new char[Integer.parseInt(reply.substring(1))];
			for (int read = 0, count = 0; read < bulk.length; read += count) {
				count = reader.read(bulk, read, bulk.length - read);
				if (count < 0) {
					throw new EOFException("Redis closed the connection in the middle of a reply");
				}
			}
			return new String(bulk);
		}
	}

	/**
	 * Run one command, and read a field of the {@code INFO}-style text it answers.
	 * @param port the port of the Redis process on 127.0.0.1
	 * @param field the field, for example {@code cluster_state}
	 * @param arguments the command and its arguments, for example {@code CLUSTER INFO}
	 * @return the field's value, or {@code null} if the process cannot be reached or the reply
	 * has no such field
	 */
	public static @Nullable String field(int port, String field, String... arguments) {
		try {
			String reply = on(port, arguments);
			if (reply == null) {
				return null;
			}
			for (String line : reply.split("\r?\n")) {
				if (line.startsWith(field + ":")) {
					return line.substring(field.length() + 1).trim();
				}
			}
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
