package dev.keycard.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Redis under Sentinel on free loopback ports: a primary, its replica and three sentinels that
 * watch them as {@value #MASTER}, each process's files in a directory of its own; nothing
 * touches the shared server on port 6379. A test kills the primary to see the replica promoted,
 * and {@link #close()} stops every process.
 *
 * <p>Sentinels hold the primary down after {@value #DOWN_AFTER_MILLIS} ms without an answer and
 * two of them must agree, so that a failover takes seconds.
 */
public final class PrivateRedisSentinel implements AutoCloseable {

	/** The name the sentinels know the primary by: {@code spring.data.redis.sentinel.master}. */
	public static final String MASTER = "mymaster";

	private static final int DOWN_AFTER_MILLIS = 1000;

	private static final int FAILOVER_TIMEOUT_MILLIS = 5000;

	private static final int SENTINELS = 3;

	private static final Duration FORMING = Duration.ofSeconds(60);

	private final List<RedisProcess> servers = new ArrayList<>();

	private final List<RedisProcess> sentinels = new ArrayList<>();

	private PrivateRedisSentinel() {
	}

	/**
	 * Start the primary, its replica and the sentinels, and wait until the replica has the
	 * primary's data and every sentinel knows the replica and the two other sentinels.
	 * @param directory where each process's files go, one subdirectory per port
	 * @return the running setup
	 */
	public static PrivateRedisSentinel start(Path directory) {
		PrivateRedisSentinel setup = new PrivateRedisSentinel();
		try {
			int primary = RedisProcess.freePort();
			setup.servers.add(server(directory, primary));
			setup.servers.add(server(directory, RedisProcess.freePort(), "--replicaof", "127.0.0.1",
					String.valueOf(primary)));
			for (int i = 0; i < SENTINELS; i++) {
				setup.sentinels.add(sentinel(directory, RedisProcess.freePort(), primary));
			}
			await("a replica in sync, and " + SENTINELS + " sentinels that know each other").atMost(FORMING)
				.until(setup::isFormed);
			return setup;
		}
		catch (RuntimeException ex) {
			setup.close();
			throw ex;
		}
	}

	private static RedisProcess server(Path directory, int port, String... more) {
		Path serverDirectory = directory.resolve("server-" + port);
		List<String> arguments = new ArrayList<>(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", serverDirectory.toString()));
		arguments.addAll(List.of(more));
		return RedisProcess.start(port, serverDirectory, arguments);
	}

	/** A sentinel rewrites its configuration file as it learns: the file is its own. */
	private static RedisProcess sentinel(Path directory, int port, int primary) {
		Path sentinelDirectory = directory.resolve("sentinel-" + port);
		Path configuration = sentinelDirectory.resolve("sentinel.conf");
		try {
			Files.createDirectories(sentinelDirectory);
			Files.writeString(configuration, String.join("\n", "port " + port, "bind 127.0.0.1",
					"dir " + sentinelDirectory, "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
					"sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER_MILLIS,
					"sentinel failover-timeout " + MASTER + " " + FAILOVER_TIMEOUT_MILLIS,
					"sentinel parallel-syncs " + MASTER + " 1", ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + configuration, ex);
		}
		return RedisProcess.start(port, sentinelDirectory, List.of(configuration.toString(), "--sentinel"));
	}

	private boolean isFormed() {
		return "up".equals(RedisCall.field(this.servers.get(1).port(), "master_link_status", "INFO", "replication"))
				&& this.sentinels.stream().allMatch((sentinel) -> {
					String master = RedisCall.field(sentinel.port(), "master0", "INFO", "sentinel");
					return master != null && master.contains("status=ok") && master.contains("slaves=1")
							&& master.contains("sentinels=" + SENTINELS);
				});
	}

	/**
	 * Return the sentinels as {@code spring.data.redis.sentinel.nodes} takes them.
	 * @return {@code 127.0.0.1:port} of every sentinel, comma separated
	 */
	public String sentinelNodes() {
		return this.sentinels.stream().map((sentinel) -> "127.0.0.1:" + sentinel.port())
			.collect(Collectors.joining(","));
	}

	/**
	 * Return the port of the primary, as the sentinels name it now.
	 * @return the port
	 */
	public int primaryPort() {
		for (RedisProcess sentinel : this.sentinels) {
			Integer port = primaryPortSeenBy(sentinel);
			if (port != null) {
				return port;
			}
		}
		throw new IllegalStateException("No sentinel names a primary for " + MASTER);
	}

	/**
	 * Kill the primary with SIGKILL, as a crash would: what it had not yet sent its replica is
	 * lost.
	 * @return the port it listened on
	 */
	public int killPrimary() {
		int port = primaryPort();
		this.servers.stream().filter((server) -> server.port() == port).findFirst().orElseThrow().kill();
		return port;
	}

	/**
	 * Wait until every sentinel names the replica as the primary, and the replica says it is one.
	 * @param killed the port of the primary that was killed
	 * @param atMost how long to wait
	 * @return the port of the new primary
	 */
	public int awaitPromotionAfter(int killed, Duration atMost) {
		RedisProcess replica = this.servers.stream()
			.filter((server) -> server.port() != killed)
			.findFirst()
			.orElseThrow();
		await("the replica on port " + replica.port() + " promoted").atMost(atMost)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> "master".equals(RedisCall.field(replica.port(), "role", "INFO", "replication"))
					&& this.sentinels.stream()
						.allMatch((sentinel) -> Integer.valueOf(replica.port()).equals(primaryPortSeenBy(sentinel))));
		return replica.port();
	}

	/** Stop every process, the killed primary included. */
	@Override
	public void close() {
		this.sentinels.forEach(RedisProcess::kill);
		this.servers.forEach(RedisProcess::kill);
	}

	private static @Nullable Integer primaryPortSeenBy(RedisProcess sentinel) {
		String master = RedisCall.field(sentinel.port(), "master0", "INFO", "sentinel");
		if (master == null) {
			return null;
		}
		for (String part : master.split(",")) {
			if (part.startsWith("address=")) {
				return Integer.parseInt(part.substring(part.lastIndexOf(':') + 1));
			}
		}
		return null;
	}

}
