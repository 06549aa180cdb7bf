package dev.keycard.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.keycard.session.testsupport.PrivateRedisSentinel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample application on Redis under Sentinel ({@link PrivateRedisSentinel}:
 * a primary, its replica, three sentinels), through nothing but {@code spring.data.redis.sentinel.*},
 * under the load of {@value #CLIENTS} clients, each of whose requests goes to the other instance
 * than the last. The primary is killed in the middle of the run: every request answers 503 until
 * the sentinels have promoted the replica, then 200 again without restarting anything. Redis
 * replicates asynchronously, so the increments the killed primary had acknowledged but not yet
 * sent its replica are lost: they are counted, and the figures printed for SECURITY.md.
 */
class RedisSentinelFailoverEndToEndTests {

	private static final int CLIENTS = 32;

	private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

	/** Longest acceptable wait, from the kill, until every session is served again. */
	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void thePrimaryKilledUnderLoadCostsSecondsOf503AndThenEverySessionIsServedAgain() throws Exception {
		try (PrivateRedisSentinel redis = PrivateRedisSentinel.start(this.directory);
				ConfigurableApplicationContext first = startedOn(redis);
				ConfigurableApplicationContext second = startedOn(redis)) {
			FailoverLoad load = FailoverLoad.start(List.of(port(first), port(second)), CLIENTS);
			Awaitility.await("every client counting").atMost(Duration.ofMinutes(1))
				.until(() -> load.visits() >= CLIENTS * 20);

			long killedAt = System.nanoTime();
			int killed = redis.killPrimary();
			int promoted = redis.awaitPromotionAfter(killed, RECOVERY);
			long promotedAt = System.nanoTime();
			Awaitility.await("every client served again").atMost(RECOVERY)
				.until(() -> load.everyClientVisitedSince(promotedAt));
			long recoveredAt = System.nanoTime();
			Awaitility.await("every client counting on").atMost(RECOVERY)
				.until(() -> load.everyClientVisitedSince(recoveredAt));
			FailoverLoad.Report clients = load.stop();

			System.out.printf("Sentinel failover: primary 127.0.0.1:%d killed, replica 127.0.0.1:%d promoted %d ms "
					+ "after; %d clients: %d requests answered 503, every one served again %d ms after the kill, "
					+ "%d increments lost, %d saved though answered 503; %d visits in all%n", killed, promoted,
					Duration.ofNanos(promotedAt - killedAt).toMillis(), clients.size(), clients.unavailable(),
					clients.servedAgainAfter(killedAt).toMillis(), clients.lost(), clients.savedUnanswered(),
					clients.visits());
			assertThat(clients.errors()).isEmpty();
			assertThat(clients.clients()).hasSize(CLIENTS).allSatisfy((client) -> {
				assertThat(client.unavailable()).as("requests answered 503").isPositive();
				assertThat(client.firstUnavailableSent()).isLessThan(promotedAt);
				assertThat(client.lostAt()).allSatisfy((lostAt) -> assertThat(lostAt).isGreaterThan(killedAt));
				assertThat(client.visitsAfter(client.lastUnavailableAnswered())).as("visits once served again")
					.isPositive();
			});
		}
	}

	private static ConfigurableApplicationContext startedOn(PrivateRedisSentinel redis) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--app.session.store=redis",
				"--spring.data.redis.sentinel.master=" + PrivateRedisSentinel.MASTER,
				"--spring.data.redis.sentinel.nodes=" + redis.sentinelNodes(),
				"--spring.data.redis.timeout=" + REDIS_TIMEOUT, "--spring.data.redis.connect-timeout=" + REDIS_TIMEOUT);
	}

	private static int port(ConfigurableApplicationContext application) {
		return application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
