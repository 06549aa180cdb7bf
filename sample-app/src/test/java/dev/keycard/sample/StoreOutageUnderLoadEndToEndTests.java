package dev.keycard.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.testsupport.PrivateRedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on Redis and on PostgreSQL, under the load of
 * {@link VisitLoadEndToEndTests}, while the store goes away in the middle of the run and comes
 * back: a private {@code redis-server} (append-only, every write synced) is stopped and started
 * again; PostgreSQL's connections are cut by a {@link TcpProxy} that then refuses new ones, and
 * restored. While the store is away requests answer 503 within the configured timeout, bursts of
 * {@value #BURST} more requests at once included, so request threads never pile up and none is
 * left busy afterwards; nothing saved before the outage is lost
 * or overwritten, so every client's count carries on where it was; and the same application
 * serves again within seconds of the store's return.
 */
class StoreOutageUnderLoadEndToEndTests {

	private static final int CLIENTS = 32;

	private static final int VISITS = 500;

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);

	/** Longest wait for a 503: the store's timeout, and time to answer. */
	private static final Duration FAIL_FAST = STORE_TIMEOUT.plusMillis(1500);

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static final Duration RECOVERY = Duration.ofSeconds(10);

	/** Requests sent at once, again and again, while the store is away: none may hang. */
	private static final int BURST = 64;

	@TempDir
	Path directory;

	@Test
	void redisStoppedAndStartedInTheMiddleOfALoadRun() throws Exception {
		try (PrivateRedisServer redis = startedPersistentRedis(this.directory);
				ConfigurableApplicationContext application = new SpringApplicationBuilder(SampleApplication.class, InFlightRequests.class).run(
						"--server.port=0", "--app.session.store=redis", "--spring.data.redis.host=127.0.0.1",
						"--spring.data.redis.port=" + redis.port(), "--spring.data.redis.timeout=" + STORE_TIMEOUT,
						"--spring.data.redis.connect-timeout=" + STORE_TIMEOUT)) {
			runThroughAnOutage("Redis", application, redis::stop, redis::start);
		}
	}

	@Test
	void postgresqlConnectionsCutInTheMiddleOfALoadRun() throws Exception {
		String table = "keycard_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (TcpProxy proxy = TcpProxy.to(5432);
				ConfigurableApplicationContext application = new SpringApplicationBuilder(SampleApplication.class, InFlightRequests.class).run(
						"--server.port=0", "--app.session.store=jdbc", "--app.session.jdbc.table-name=" + table,
						"--app.session.jdbc.initialize-schema=always",
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test",
						"--spring.datasource.username=postgres", "--spring.datasource.hikari.maximum-pool-size=16",
						"--spring.datasource.hikari.connection-timeout=" + STORE_TIMEOUT.toMillis(),
						"--spring.datasource.hikari.validation-timeout=500")) {
			try {
				runThroughAnOutage("PostgreSQL", application, proxy::cut, proxy::restore);
			}
			finally {
				application.getBean(JdbcTemplate.class).execute("drop table if exists " + table);
			}
		}
	}

	/** Requests sent at once by clients without a session, each of which must save one. */
	private record Burst(List<Integer> statuses, Duration took) {

		static Burst of(int port, int requests) {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			// A request that hangs fails the test instead of the test hanging with it.
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/visits"))
				.timeout(FAIL_FAST.multipliedBy(5))
				.build();
			long start = System.nanoTime();
			List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
			}
			List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
			return new Burst(statuses, Duration.ofNanos(System.nanoTime() - start));
		}

	}

	private void runThroughAnOutage(String store, ConfigurableApplicationContext application, Runnable cut,
			Runnable restore) throws Exception {
		WebServerApplicationContext server = (WebServerApplicationContext) application;
		int port = server.getWebServer().getPort();
		VisitLoad.Outage outage = new VisitLoad.Outage(RECOVERY);
		VisitLoad load = VisitLoad.of(port, CLIENTS, VISITS).during(outage);
		// On a thread of its own: the common pool may have a single thread (2 cores), which JDK 25's
		// HttpClient needs to complete the bursts' responses.
		ExecutorService loadThread = Executors.newSingleThreadExecutor();
		CompletableFuture<VisitLoad.Report> running = CompletableFuture.supplyAsync(() -> {
			try {
				return load.run(server);
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		}, loadThread);
		loadThread.shutdown();
		Awaitility.await("a third of the visits").atMost(Duration.ofMinutes(2))
			.until(() -> load.visits() >= CLIENTS * VISITS / 3 || running.isDone());
		assertThat(running).as("the load still running when the store goes away").isNotDone();
		outage.cutting();
		cut.run();
		outage.cut();
		List<Burst> bursts = new ArrayList<>();
		long outageEnds = System.nanoTime() + OUTAGE.toNanos();
		while (System.nanoTime() < outageEnds) {
			bursts.add(Burst.of(port, BURST));
		}
		int visitsDuringOutage = load.visits();
		restore.run();
		outage.restored();
		VisitLoad.Report report = running.get(5, TimeUnit.MINUTES);
		Duration slowestBurst = bursts.stream().map(Burst::took).max(Duration::compareTo).orElseThrow();
		System.out.println("Outage " + report.summary(store) + "; slowest 503 "
				+ report.slowestUnavailable().toMillis() + " ms; " + bursts.size() + " bursts of " + BURST
				+ " more requests during the outage, slowest " + slowestBurst.toMillis() + " ms; first visit "
				+ outage.recovery().toMillis() + " ms after the store's return; " + visitsDuringOutage
				+ " visits before the store returned");
		assertThat(bursts).allSatisfy((burst) -> assertThat(burst.statuses()).containsOnly(503));
		assertThat(slowestBurst).isLessThan(FAIL_FAST);
		assertThat(report.errors()).isEmpty();
		assertThat(report.clients()).hasSize(CLIENTS)
			.allSatisfy((client) -> assertThat(client.lastCount() - client.committedInFlight()).isEqualTo(VISITS));
		assertThat(report.unavailable()).as("requests answered 503 while the store was away").isPositive();
		assertThat(report.slowestUnavailable()).isLessThan(FAIL_FAST);
		assertThat(outage.recovery()).isLessThan(RECOVERY);
		IntSupplier busyThreads = VisitLoad.busyThreads(server);
		Awaitility.await("no request thread left busy").atMost(Duration.ofSeconds(5))
			.until(() -> busyThreads.getAsInt() == 0);
	}

	private static PrivateRedisServer startedPersistentRedis(Path directory) {
		PrivateRedisServer redis = PrivateRedisServer.persistent(directory);
		redis.start();
		return redis;
	}

}
