package dev.keycard.session.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a {@link PrivateRedisCluster} as {@code CLUSTER NODES} describes it.
 *
 * @param port its port on 127.0.0.1
 * @param primary whether it is a primary (else a replica)
 * @param failed whether the cluster holds it failed
 * @param slots the ranges of hash slots it serves, each {@code {first, last}}; none for a replica
 */
public record ClusterNode(int port, boolean primary, boolean failed, List<int[]> slots) {

	/**
	 * Whether this node serves a hash slot.
	 * @param slot the slot, 0 to 16383
	 * @return whether one of its ranges holds it
	 */
	public boolean serves(int slot) {
		return this.slots.stream().anyMatch((range) -> range[0] <= slot && slot <= range[1]);
	}

	/**
	 * Read the reply of {@code CLUSTER NODES}: one line per node,
	 * {@code id 127.0.0.1:port@busport flags primary-id ping pong epoch link slot...}.
	 * Slots being migrated ({@code [...]}) are not counted: a cluster of these tests has none.
	 */
	static List<ClusterNode> parse(String clusterNodes) {
		List<ClusterNode> nodes = new ArrayList<>();
		for (String line : clusterNodes.split("\r?\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 8) {
				continue;
			}
			String address = fields[1];
			int port = Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
			List<String> flags = List.of(fields[2].split(","));
			List<int[]> slots = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				if (!fields[i].startsWith("[")) {
					String[] range = fields[i].split("-");
					slots.add(new int[] { Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]) });
				}
			}
			nodes.add(new ClusterNode(port, flags.contains("master"), flags.contains("fail") || flags.contains("fail?"),
					List.copyOf(slots)));
		}
		return nodes;
	}

	@Override
	public String toString() {
		return (this.primary ? "primary" : "replica") + " 127.0.0.1:" + this.port;
	}

}
