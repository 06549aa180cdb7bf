package dev.keycard.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

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
			List<FailoverLoad.ClientReport> clients = load.stop();

			Predicate<FailoverLoad.ClientReport> onKilledSlots = (client) -> killed
				.serves(SlotHash.getSlot("keycard:session:" + SessionIdCodec.storeKey(ids.decode("session", client.cookie()).id())));
			List<FailoverLoad.ClientReport> hit = FailoverLoad.ClientReport.of(clients, onKilledSlots);
			List<FailoverLoad.ClientReport> spared = FailoverLoad.ClientReport.of(clients, onKilledSlots.negate());
			long servedAgainAt = hit.stream().mapToLong((client) -> client.firstVisitAfter(client.lastUnavailableAnswered()))
				.max().orElseThrow();
			System.out.printf("Cluster failover: %s killed, %s promoted %d ms after; %d of %d clients on its slots: "
					+ "%d requests answered 503, every one served again %d ms after the kill, %d increments lost, "
					+ "%d saved though answered 503; other clients: %d answered 503, %d lost, %d visits in all%n",
					killed, promoted, millis(promotedAt - killedAt), hit.size(), CLIENTS,
					FailoverLoad.ClientReport.sum(hit, FailoverLoad.ClientReport::unavailable),
					millis(servedAgainAt - killedAt), FailoverLoad.ClientReport.sum(hit, FailoverLoad.ClientReport::lost),
					FailoverLoad.ClientReport.sum(hit, FailoverLoad.ClientReport::savedUnanswered),
					FailoverLoad.ClientReport.sum(spared, FailoverLoad.ClientReport::unavailable),
					FailoverLoad.ClientReport.sum(spared, FailoverLoad.ClientReport::lost),
					FailoverLoad.ClientReport.sum(clients, FailoverLoad.ClientReport::visits));

			assertThat(clients).flatMap(FailoverLoad.ClientReport::errors).isEmpty();
			assertThat(hit).as("clients whose session lives on the killed primary's slots").isNotEmpty()
				.allSatisfy((client) -> {
					assertThat(client.unavailable()).as("requests answered 503").isPositive();
					assertThat(client.firstUnavailableSent()).isLessThan(promotedAt);
					assertThat(client.lostAt()).allSatisfy((lostAt) -> assertThat(lostAt).isGreaterThan(killedAt));
					assertThat(client.visitsAfter(client.lastUnavailableAnswered())).as("visits once served again")
						.isPositive();
				});
			assertThat(servedAgainAt - killedAt).isLessThan(RECOVERY.toNanos());
			assertThat(spared).as("clients whose session lives on the other primaries").isNotEmpty()
				.allSatisfy((client) -> {
					assertThat(client.lost()).as("increments lost").isZero();
					assertThat(client.unavailable()).as("requests answered 503").isZero();
				});
		}
	}

	private static ConfigurableApplicationContext startedOn(PrivateRedisCluster cluster) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--app.session.store=redis",
				"--spring.data.redis.cluster.nodes=" + cluster.nodes(), "--spring.data.redis.timeout=" + REDIS_TIMEOUT,
				"--spring.data.redis.connect-timeout=" + REDIS_TIMEOUT);
	}

	private static int port(ConfigurableApplicationContext application) {
		return application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

}
