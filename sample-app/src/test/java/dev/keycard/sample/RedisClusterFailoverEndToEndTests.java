package dev.keycard.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.cluster.SlotHash;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.testsupport.ClusterNode;
import dev.keycard.session.testsupport.PrivateRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample application on a Redis Cluster of three primaries and three
 * replicas ({@link PrivateRedisCluster}), through nothing but {@code spring.data.redis.cluster.nodes},
 * under the load of {@value #CLIENTS} clients, each of whose requests goes to the other instance
 * than the last. A primary is killed in the middle of the run: requests whose session lives on its
 * slots answer 503 until its replica is promoted, then 200 again without restarting anything;
 * the other sessions are served throughout and lose nothing. Redis replicates asynchronously, so
 * the increments the killed primary had acknowledged but not yet sent its replica are lost:
 * they are counted, and the figures printed for SECURITY.md.
 */
class RedisClusterFailoverEndToEndTests {

	private static final int CLIENTS = 32;

	private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

	/** Longest acceptable wait, from the kill, until every session of the killed slots is served again. */
	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void aPrimaryKilledUnderLoadCostsItsOwnSlotsAFewSecondsAndTheOtherSlotsNothing() throws Exception {
		try (PrivateRedisCluster cluster = PrivateRedisCluster.start(this.directory);
				ConfigurableApplicationContext first = startedOn(cluster);
				ConfigurableApplicationContext second = startedOn(cluster)) {
			SessionIdCodec ids = first.getBean(SessionIdCodec.class);
			FailoverLoad load = FailoverLoad.start(List.of(port(first), port(second)), CLIENTS);
			Awaitility.await("every client counting").atMost(Duration.ofMinutes(1))
				.until(() -> load.visits() >= CLIENTS * 20);

			ClusterNode killed = cluster.topology().stream().filter(ClusterNode::primary).findFirst().orElseThrow();
			long killedAt = System.nanoTime();
			cluster.kill(killed);
			ClusterNode promoted = cluster.awaitPromotionOf(killed, RECOVERY);
			long promotedAt = System.nanoTime();
			Awaitility.await("every client served again").atMost(RECOVERY)
				.until(() -> load.everyClientVisitedSince(promotedAt));
			long recoveredAt = System.nanoTime();
			Awaitility.await("every client counting on").atMost(RECOVERY)
				.until(() -> load.everyClientVisitedSince(recoveredAt));
			FailoverLoad.Report clients = load.stop();

			FailoverLoad.Report hit = clients.of((client) -> killed.serves(slotOf(client, ids)));
			FailoverLoad.Report spared = clients.of((client) -> !killed.serves(slotOf(client, ids)));
			System.out.printf("Cluster failover: %s killed, %s promoted %d ms after; %d of %d clients on its slots: "
					+ "%d requests answered 503, every one served again %d ms after the kill, %d increments lost, "
					+ "%d saved though answered 503; other clients: %d answered 503, %d lost; %d visits in all%n",
					killed, promoted, millis(promotedAt - killedAt), hit.size(), CLIENTS, hit.unavailable(),
					hit.servedAgainAfter(killedAt).toMillis(), hit.lost(), hit.savedUnanswered(), spared.unavailable(),
					spared.lost(), clients.visits());
			assertThat(clients.errors()).isEmpty();
			assertThat(hit.clients()).as("clients whose session lives on the killed primary's slots").isNotEmpty()
				.allSatisfy((client) -> {
					assertThat(client.unavailable()).as("requests answered 503").isPositive();
					assertThat(client.firstUnavailableSent()).isLessThan(promotedAt);
					assertThat(client.lostAt()).allSatisfy((lostAt) -> assertThat(lostAt).isGreaterThan(killedAt));
					assertThat(client.visitsAfter(client.lastUnavailableAnswered())).as("visits once served again")
						.isPositive();
				});
			assertThat(spared.clients()).as("clients whose session lives on the other primaries").isNotEmpty()
				.allSatisfy((client) -> {
					assertThat(client.lost()).as("increments lost").isZero();
					assertThat(client.visitedAt()).as("visits while the replica was being promoted")
						.anyMatch((answered) -> answered > killedAt && answered < promotedAt);
				});
		}
	}

	private static ConfigurableApplicationContext startedOn(PrivateRedisCluster cluster) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--app.session.store=redis",
				"--spring.data.redis.cluster.nodes=" + cluster.nodes(), "--spring.data.redis.timeout=" + REDIS_TIMEOUT,
				"--spring.data.redis.connect-timeout=" + REDIS_TIMEOUT,
				"--spring.data.redis.lettuce.cluster.refresh.period=1s");
	}

	/** The hash slot of a client's session: its key is the prefix and the hash of the id in its cookie. */
	private static int slotOf(FailoverLoad.ClientReport client, SessionIdCodec ids) {
		SessionIdCodec.VerifiedId id = ids.decode("session", String.valueOf(client.cookie()));
		assertThat(id).as("client %d's session cookie", client.client()).isNotNull();
		return SlotHash.getSlot("keycard:session:" + SessionIdCodec.storeKey(id.id()));
	}

	private static int port(ConfigurableApplicationContext application) {
		return application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

}
