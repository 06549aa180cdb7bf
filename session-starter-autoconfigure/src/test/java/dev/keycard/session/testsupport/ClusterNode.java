package dev.keycard.session.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a {@link PrivateRedisCluster} as {@code CLUSTER NODES} describes it.
 *
 * @param port its port on 127.0.0.1
 * @param primary whether it is a primary (else a replica)
 * @param failed whether the cluster holds it failed
 * @param slots the ranges of hash slots it serves; none for a replica
 */
public record ClusterNode(int port, boolean primary, boolean failed, List<SlotRange> slots) {

	/**
	 * Whether this node serves a hash slot.
	 * @param slot the slot, 0 to 16383
	 * @return whether one of its ranges holds it
	 */
	public boolean serves(int slot) {
		return this.slots.stream().anyMatch((range) -> range.first() <= slot && slot <= range.last());
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
			List<SlotRange> slots = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				if (!fields[i].startsWith("[")) {
					String[] range = fields[i].split("-");
					slots.add(new SlotRange(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])));
				}
			}
			nodes.add(new ClusterNode(port, flags.contains("master"), flags.contains("fail") || flags.contains("fail?"),
					List.copyOf(slots)));
		}
		return nodes;
	}

	/**
	 * Whether this node serves every slot of a range.
	 * @param range the range
	 * @return whether it does
	 */
	public boolean serves(SlotRange range) {
		return this.slots.stream().anyMatch((own) -> own.first() <= range.first() && range.last() <= own.last());
	}

	@Override
	public String toString() {
		return (this.primary ? "primary" : "replica") + " 127.0.0.1:" + this.port;
	}

	/**
	 * Hash slots from one to another, both included.
	 *
	 * @param first the first slot
	 * @param last the last slot
	 */
	public record SlotRange(int first, int last) {
	}

}
