package dev.keycard.session.store.redis;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.keycard.session.revocation.IssuedSession;
import dev.keycard.session.revocation.PrincipalRevocation;
import dev.keycard.session.revocation.RevocationChange;
import dev.keycard.session.store.AbstractSessionStoreTests;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.internal.PrincipalKey;
import dev.keycard.session.testsupport.ClusterNode;
import dev.keycard.session.testsupport.PrivateRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis session store's whole contract, and the Redis revocation store, on a real Redis
 * Cluster of three primaries and three replicas ({@link PrivateRedisCluster}), through Spring
 * Data's cluster connection as Boot makes it from {@code spring.data.redis.cluster.nodes}.
 *
 * <p>That every operation succeeds is itself the proof that every command Keycard sends is
 * single-slot: a cluster answers {@code CROSSSLOT} to a command whose keys hash to different
 * slots, and Redis 7 fails a script that touches a key of a slot other than its first key's.
 * {@code MONITOR} on every primary shows it once more, command by command.
 */
class RedisStoresOnClusterTests extends AbstractSessionStoreTests {

	private static final String PREFIX = "keycard:session:";

	@TempDir
	static Path directory;

	private static PrivateRedisCluster cluster;

	private static LettuceConnectionFactory connectionFactory;

	private static RedisSessionStore store;

	@BeforeAll
	static void startClusterAndConnect() {
		cluster = PrivateRedisCluster.start(directory);
		connectionFactory = new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of(cluster.nodes().split(","))));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		store = new RedisSessionStore(connectionFactory, PREFIX);
	}

	@AfterAll
	static void disconnectAndStopCluster() {
		try {
			connectionFactory.destroy();
		}
		finally {
			cluster.close();
		}
	}

	@Override
	protected SessionStore store() {
		return store;
	}

	@Test
	void aUsersSessionsOnEveryPrimaryAreListedAndRevoked() {
		String principal = "gordon-" + UUID.randomUUID();
		List<String> keys = keysOnEveryPrimary();
		keys.forEach((key) -> store.save(key, signedIn(principal, now().plus(Duration.ofHours(1)))));

		Map<String, SessionRecord> listed = store.findByPrincipal(principal);
		store.delete(keys.get(0));

		assertThat(listed).containsOnlyKeys(keys);
		assertThat(store.findByPrincipal(principal)).containsOnlyKeys(keys.subList(1, keys.size()));
	}

	@Test
	void revocationsAreStoredRecordedAndPublishedOnACluster() throws Exception {
		RedisRevocationStore revocations = new RedisRevocationStore(connectionFactory, "keycard:revocation:",
				Clock.systemUTC());
		List<RevocationChange> published = new CopyOnWriteArrayList<>();
		try (AutoCloseable subscription = revocations.subscribe(published::add)) {
			String gordon = PrincipalKey.of("gordon");
			Instant expires = Instant.now().plusSeconds(600);
			revocations.record(gordon, new IssuedSession("desk", Instant.now(), Instant.now(), expires, null, null));
			revocations.record(gordon, new IssuedSession("phone", Instant.now(), Instant.now(), expires, null, null));
			revocations.forget(gordon, "phone");
			// The subscription is made on a node of its own choosing, and may not be in place yet.
			await("a revocation published and heard").atMost(Duration.ofSeconds(20))
				.until(() -> published.contains(revocations.revokeSession("session-" + UUID.randomUUID(), expires)));
			RevocationChange revoked = revocations.revoke(gordon, new PrincipalRevocation(Instant.now(), "desk", Instant.now()));

			assertThat(revocations.recorded(gordon, Instant.now())).extracting(IssuedSession::id)
				.containsExactly("desk");
			assertThat(revocations.version()).isEqualTo(revoked.version());
			assertThat(revocations.load().principals()).containsKey(gordon);
			await("the user's revocation heard").atMost(Duration.ofSeconds(10))
				.until(() -> published.contains(revoked));
		}
	}

	@Test
	void everyCommandKeycardSendsRunsOnTheNodeOfItsOneSlotAndNoneScansOrConfigures() {
		List<ClusterNode> primaries = primaries();
		RedisRevocationStore revocations = new RedisRevocationStore(connectionFactory, "keycard:monitored:",
				Clock.systemUTC());
		String principal = "bullock-" + UUID.randomUUID();
		List<String> keys = keysOnEveryPrimary();

		List<ClusterCommandMonitor.Executed> executed = ClusterCommandMonitor.commandsOf(primaries, () -> {
			keys.forEach((key) -> store.save(key, signedIn(principal, now().plus(Duration.ofHours(1)))));
			keys.forEach(store::load);
			store.save(keys.get(0), update(Map.of("n", "2"), Set.of()));
			store.findByPrincipal(principal).keySet().forEach(store::delete);
			store.findByPrincipal(principal);
			String bullock = PrincipalKey.of(principal);
			revocations.record(bullock, new IssuedSession("desk", Instant.now(), Instant.now(),
					Instant.now().plusSeconds(60), null, null));
			revocations.recorded(bullock, Instant.now());
			revocations.revoke(bullock, PrincipalRevocation.allBefore(Instant.now()));
			revocations.revokeSession("one-session", Instant.now().plusSeconds(60));
			revocations.load();
			revocations.forget(bullock, "desk");
		});

		List<ClusterCommandMonitor.Executed> sent = executed.stream()
			.filter((command) -> !command.byScript() && !CLIENT_HOUSEKEEPING.contains(command.command()))
			.toList();
		System.out.printf("MONITOR on %d primaries: %d commands sent by Keycard, %d run by its scripts%n",
				primaries.size(), sent.size(),
				executed.stream().filter(ClusterCommandMonitor.Executed::byScript).count());
		assertThat(executed).extracting(ClusterCommandMonitor.Executed::command)
			.doesNotContain("keys", "scan", "config", "psubscribe", "rename", "multi");
		assertThat(sent).extracting(ClusterCommandMonitor.Executed::command)
			.contains("evalsha", "hgetall", "zrangebyscore", "unlink", "mget", "hdel")
			.allSatisfy((command) -> assertThat(command).isIn("evalsha", "eval", "hgetall", "zrangebyscore", "zrem",
					"unlink", "mget", "hdel"));
		assertThat(sent).allSatisfy((command) -> {
			Set<Integer> slots = command.keys().stream().map(SlotHash::getSlot).collect(Collectors.toSet());
			assertThat(slots).as("the slots of %s %s", command.command(), command.keys()).hasSize(1);
			assertThat(command.node().serves(slots.iterator().next())).as("%s ran on the node of its slot", command)
				.isTrue();
		});
		assertThat(sent).extracting((command) -> command.node().port()).as("commands spread over every primary")
			.containsAll(primaries.stream().map(ClusterNode::port).toList());
	}

	/** What Lettuce sends a node on its own: the handshake and topology refresh. */
	private static final Set<String> CLIENT_HOUSEKEEPING = Set.of("hello", "cluster", "client", "info", "ping",
			"readonly", "command", "subscribe");

	/** Store keys whose records land on every primary, a few on each. */
	private static List<String> keysOnEveryPrimary() {
		List<ClusterNode> primaries = primaries();
		List<String> keys = new ArrayList<>();
		for (ClusterNode primary : primaries) {
			for (int found = 0; found < 2;) {
				String key = newKey();
				if (primary.serves(SlotHash.getSlot(PREFIX + key))) {
					keys.add(key);
					found++;
				}
			}
		}
		return keys;
	}

	private static List<ClusterNode> primaries() {
		return cluster.topology().stream().filter(ClusterNode::primary).toList();
	}

}
