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

import org.jspecify.annotations.Nullable;

import dev.keycard.session.testsupport.ClusterNode;
import dev.keycard.session.testsupport.RedisCall;

/**
 * Watches what every primary of a cluster executes, with {@code MONITOR} on each, so that a test
 * can see which node ran which command, with its arguments.
 */
final class ClusterCommandMonitor {

	private ClusterCommandMonitor() {
	}

	/**
	 * Return what the primaries executed while an operation ran.
	 * @param primaries the primaries
	 * @param operation the operation; it has finished when it returns
	 * @return every command, in each node's order, node after node
	 */
	static List<Executed> commandsOf(List<ClusterNode> primaries, Runnable operation) {
		List<Socket> sockets = new ArrayList<>();
		try {
			List<BufferedReader> readers = new ArrayList<>();
			for (ClusterNode primary : primaries) {
				Socket socket = new Socket("127.0.0.1", primary.port());
				sockets.add(socket);
				socket.setSoTimeout(5_000);
				socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				String reply = reader.readLine();
				if (!"+OK".equals(reply)) {
					throw new IllegalStateException("MONITOR on " + primary + " answered " + reply);
				}
				readers.add(reader);
			}
			operation.run();
			List<Executed> executed = new ArrayList<>();
			for (int i = 0; i < primaries.size(); i++) {
				// Sent once the operation is done, so each node shows it after all of the operation's commands.
				String marker = "keycard-test-end-" + UUID.randomUUID();
				RedisCall.on(primaries.get(i).port(), "ECHO", marker);
				executed.addAll(commandsBefore(primaries.get(i), readers.get(i), marker));
			}
			return executed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not monitor the cluster", ex);
		}
		finally {
			for (Socket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a monitor connection loses nothing.
				}
			}
		}
	}

	private static List<Executed> commandsBefore(ClusterNode node, BufferedReader reader, String marker)
			throws IOException {
		List<Executed> executed = new ArrayList<>();
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			// +1700000000.123456 [0 127.0.0.1:54321] "evalsha" "3f2c..." "1" "keycard:session:..."
			// +1700000000.123457 [0 lua] "hset" "keycard:session:..." ...
			String source = line.substring(line.indexOf(' ', line.indexOf('[')) + 1, line.indexOf(']'));
			List<String> arguments = arguments(line.substring(line.indexOf(']') + 2));
			if (arguments.get(0).equalsIgnoreCase("echo") && arguments.get(arguments.size() - 1).equals(marker)) {
				return executed;
			}
			executed.add(new Executed(node, source.equals("lua"), arguments.get(0).toLowerCase(Locale.ROOT),
					arguments.subList(1, arguments.size())));
		}
		throw new IllegalStateException("Redis closed the MONITOR connection to " + node + " before the marker");
	}

	/** Read MONITOR's quoted arguments; escapes are kept as they are but for {@code \"} and {@code \\}. */
	private static List<String> arguments(String quoted) {
		List<String> arguments = new ArrayList<>();
		@Nullable StringBuilder argument = null;
		for (int i = 0; i < quoted.length(); i++) {
			char c = quoted.charAt(i);
			if (argument == null) {
				if (c == '"') {
					argument = new StringBuilder();
				}
			}
			else if (c == '\\' && i + 1 < quoted.length()
					&& (quoted.charAt(i + 1) == '"' || quoted.charAt(i + 1) == '\\')) {
				argument.append(quoted.charAt(++i));
			}
			else if (c == '"') {
				arguments.add(argument.toString());
				argument = null;
			}
			else {
				argument.append(c);
			}
		}
		return arguments;
	}

	/**
	 * One command a node executed.
	 *
	 * @param node the node
	 * @param byScript whether a script ran it (else a client sent it)
	 * @param command its name, lower case
	 * @param arguments its arguments, as MONITOR shows them
	 */
	record Executed(ClusterNode node, boolean byScript, String command, List<String> arguments) {

		/**
		 * Return the keys of a command Keycard sends: a script's declared keys, every argument
		 * of {@code UNLINK} and {@code MGET}, else the first argument.
		 */
		List<String> keys() {
			return switch (this.command) {
				case "evalsha", "eval" ->
					this.arguments.subList(2, 2 + Integer.parseInt(this.arguments.get(1)));
				case "unlink", "del", "mget" -> this.arguments;
				default -> this.arguments.isEmpty() ? List.of() : this.arguments.subList(0, 1);
			};
		}

	}

}
