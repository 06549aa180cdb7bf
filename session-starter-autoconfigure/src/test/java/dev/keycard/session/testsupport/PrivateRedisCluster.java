package dev.keycard.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of six {@code redis-server} child processes on free loopback ports, three
 * primaries and three replicas, made by {@code redis-cli --cluster create}, each node's files in a
 * directory of its own; nothing touches the shared server on port 6379. A test kills a primary
 * to see a replica promoted, and {@link #close()} stops every node.
 *
 * <p>Nodes time each other out after {@value #NODE_TIMEOUT_MILLIS} ms, so that a failover takes
 * seconds. {@code cluster-require-full-coverage no} keeps the other primaries serving while a
 * failed primary's slots have no owner, as a deployment that prefers serving most sessions to
 * serving none sets it; with Redis's default ({@code yes}) every slot refuses commands until the
 * replica is promoted.
 */
public final class PrivateRedisCluster implements AutoCloseable {

	private static final int NODE_TIMEOUT_MILLIS = 2000;

	private static final int NODES = 6;

	private static final Duration FORMING = Duration.ofSeconds(60);

	private final List<RedisProcess> nodes = new ArrayList<>();

	private PrivateRedisCluster() {
	}

	/**
	 * Start six nodes, join them into a cluster and wait until every node says
	 * {@code cluster_state:ok} and every replica has its primary's data.
	 * @param directory where each node's files go, one subdirectory per port
	 * @return the cluster
	 */
	public static PrivateRedisCluster start(Path directory) {
		PrivateRedisCluster cluster = new PrivateRedisCluster();
		try {
			for (int i = 0; i < NODES; i++) {
				int port = RedisProcess.freePort();
				Path nodeDirectory = directory.resolve("node-" + port);
				cluster.nodes.add(RedisProcess.start(port, nodeDirectory,
						List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
								"--cluster-port", String.valueOf(RedisProcess.freePort()), "--cluster-enabled", "yes",
								"--cluster-config-file", nodeDirectory.resolve("nodes.conf").toString(),
								"--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
								"--cluster-require-full-coverage", "no", "--save", "", "--appendonly", "no", "--dir",
								nodeDirectory.toString())));
			}
			cluster.create(directory);
			await("a cluster of " + NODES + " nodes, three of them replicas in sync").atMost(FORMING)
				.until(cluster::isFormed);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private void create(Path directory) {
		List<String> command = new ArrayList<>(List.of(RedisBinary.find("redis-cli"), "--cluster", "create"));
		this.nodes.forEach((node) -> command.add("127.0.0.1:" + node.port()));
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		Path log = directory.resolve("cluster-create.log");
		try {
			Process create = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!create.waitFor(FORMING.toSeconds(), TimeUnit.SECONDS) || create.exitValue() != 0) {
				create.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create failed; see " + log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the cluster", ex);
		}
	}

	private boolean isFormed() {
		List<ClusterNode> topology = topology();
		return this.nodes.stream().allMatch((node) -> "ok".equals(clusterInfo(node.port(), "cluster_state"))
				&& String.valueOf(NODES).equals(clusterInfo(node.port(), "cluster_known_nodes")))
				&& topology.stream().filter(ClusterNode::primary).count() == NODES / 2
				&& topology.stream().filter((node) -> !node.primary()).allMatch((replica) -> "up"
					.equals(RedisCall.field(replica.port(), "master_link_status", "INFO", "replication")));
	}

	/**
	 * Return the nodes as {@code spring.data.redis.cluster.nodes} takes them.
	 * @return {@code 127.0.0.1:port} of every node, comma separated
	 */
	public String nodes() {
		return this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
	}

	/**
	 * Return the ports of the nodes that are running.
	 * @return the ports
	 */
	public List<Integer> ports() {
		return this.nodes.stream().filter(RedisProcess::isAlive).map(RedisProcess::port).toList();
	}

	/**
	 * Return the cluster's nodes as a running node sees them now, alive or failed.
	 * @return every node with its role and, for a primary, its slots
	 */
	public List<ClusterNode> topology() {
		for (RedisProcess node : this.nodes) {
			if (node.isAlive()) {
				String nodes = nodesOf(node.port());
				if (nodes != null) {
					return ClusterNode.parse(nodes);
				}
			}
		}
		throw new IllegalStateException("No node of the cluster answers CLUSTER NODES");
	}

	/**
	 * Return the primary that serves a slot now.
	 * @param slot the hash slot, 0 to 16383
	 * @return the primary
	 */
	public ClusterNode primaryServing(int slot) {
		return topology().stream()
			.filter((node) -> node.primary() && !node.failed() && node.serves(slot))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No primary serves slot " + slot));
	}

	/**
	 * Kill a primary with SIGKILL, as a crash would: what it had not yet sent its replica is lost.
	 * @param primary the primary
	 */
	public void kill(ClusterNode primary) {
		this.nodes.stream()
			.filter((node) -> node.port() == primary.port())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node of this cluster has port " + primary.port()))
			.kill();
	}

	/**
	 * Wait until a replica of a killed primary has taken its slots over and every running node
	 * says {@code cluster_state:ok}.
	 * @param killed the primary that was killed
	 * @param atMost how long to wait
	 * @return the promoted replica
	 */
	public ClusterNode awaitPromotionOf(ClusterNode killed, Duration atMost) {
		int slot = killed.slots().get(0).first();
		await("a replica of " + killed + " promoted").atMost(atMost)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> topology().stream()
				.anyMatch((node) -> node.primary() && !node.failed() && node.port() != killed.port()
						&& killed.slots().stream().allMatch(node::serves))
					&& ports().stream().allMatch((port) -> "ok".equals(clusterInfo(port, "cluster_state"))));
		return primaryServing(slot);
	}

	/** Stop every node, killed ones included. */
	@Override
	public void close() {
		this.nodes.forEach(RedisProcess::kill);
	}

	private static @Nullable String clusterInfo(int port, String field) {
		return RedisCall.field(port, field, "CLUSTER", "INFO");
	}

	private static @Nullable String nodesOf(int port) {
		try {
			String reply = RedisCall.on(port, "CLUSTER", "NODES");
			return (reply != null && !reply.startsWith("-")) ? reply : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
