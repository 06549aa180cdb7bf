package dev.keycard.sample;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.keycard.session.micrometer.MicrometerSessionActivity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four instances of the sample application on one PostgreSQL table, each deleting expired rows
 * every second while 32 clients count their visits across all four and 20,000 rows expire in
 * the meantime: no deadlock, no request failed, every visit counted, and every expired row
 * deleted exactly once (the instances' counts of deleted rows add up to the rows that expired).
 */
class JdbcInstancesAtScaleEndToEndTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final int INSTANCES = 4;

	private static final int CLIENTS = 32;

	private static final int VISITS = 100;

	private static final int EXPIRED_ROWS = 20_000;

	private static final Pattern COUNT = Pattern.compile("You have visited (\\d+) times");

	private final String table = "keycard_scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));

	@Test
	void fourInstancesCleaningUpUnderLoadCountEveryVisitAndDeleteEachExpiredRowOnce() throws Exception {
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try {
			for (int instance = 0; instance < INSTANCES; instance++) {
				instances.add(start());
			}
			long deadlocksBefore = deadlocks();
			insertRowsExpiringDuringTheLoad();
			List<Integer> ports = instances.stream()
				.map((application) -> application.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
				.toList();

			List<String> failures = load(ports);

			assertThat(failures).as("requests that failed or counted wrong").isEmpty();
			Awaitility.await("every expiring row deleted")
				.atMost(Duration.ofSeconds(60))
				.until(() -> expiringRowsLeft() == 0);
			// A cleanup run counts what it deleted once it has deleted all it found: wait for the last ones.
			Awaitility.await("the cleanups' counts")
				.atMost(Duration.ofSeconds(30))
				.until(() -> deletedBy(instances).stream().mapToDouble(Double::doubleValue).sum() >= EXPIRED_ROWS);
			List<Double> deletedByEach = deletedBy(instances);
			System.out.println("Expired rows deleted by each instance: " + deletedByEach);
			assertThat(deletedByEach.stream().mapToDouble(Double::doubleValue).sum())
				.as("rows deleted by the four instances' cleanups").isEqualTo(EXPIRED_ROWS);
			assertThat(deletedByEach).as("instances whose cleanups found rows: they ran side by side")
				.filteredOn((deleted) -> deleted > 0)
				.hasSizeGreaterThan(1);
			assertThat(deadlocks() - deadlocksBefore).as("deadlocks in the database").isZero();
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table, Integer.class))
				.as("the clients' sessions, all kept").isEqualTo(CLIENTS);
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			this.jdbc.execute("DROP TABLE IF EXISTS " + this.table);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--app.session.store=jdbc",
				"--app.session.jdbc.table-name=" + this.table, "--app.session.jdbc.initialize-schema=always",
				"--app.session.jdbc.cleanup-interval=1", "--spring.datasource.url=" + URL,
				"--spring.datasource.username=postgres");
	}

	/** Sessions expiring one after another over the next ten seconds, so that every cleanup run finds some. */
	private void insertRowsExpiringDuringTheLoad() {
		long now = System.currentTimeMillis();
		List<Object[]> rows = new ArrayList<>();
		for (int row = 0; row < EXPIRED_ROWS; row++) {
			long expires = now + (row % 100) * 100L;
			rows.add(new Object[] { "expiring-" + row, expires - 3_600_000, expires, "{\"count\":1}" });
		}
		this.jdbc.batchUpdate("INSERT INTO " + this.table + " (id, created_at, expires_at, attributes) VALUES (?, ?, ?, ?)",
				rows);
	}

	private int expiringRowsLeft() {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE id LIKE 'expiring-%'",
				Integer.class);
		return (rows != null) ? rows : -1;
	}

	private static List<Double> deletedBy(List<ConfigurableApplicationContext> instances) {
		return instances.stream()
			.map((application) -> application.getBean(MeterRegistry.class)
				.counter(MicrometerSessionActivity.EXPIRED_DELETED)
				.count())
			.toList();
	}

	private long deadlocks() {
		Long deadlocks = this.jdbc.queryForObject("SELECT deadlocks FROM pg_stat_database WHERE datname = 'test'",
				Long.class);
		return (deadlocks != null) ? deadlocks : 0;
	}

	/** Each client visits the four instances in turn, with one cookie jar across them. */
	private static List<String> load(List<Integer> ports) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<List<String>>> clients = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				int first = client;
				clients.add(executor.submit(() -> visit(ports, first)));
			}
			List<String> failures = new ArrayList<>();
			for (Future<List<String>> client : clients) {
				failures.addAll(client.get(120, TimeUnit.SECONDS));
			}
			return failures;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static List<String> visit(List<Integer> ports, int client) throws Exception {
		List<String> failures = new ArrayList<>();
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		for (int visit = 1; visit <= VISITS && failures.size() < 5; visit++) {
			int port = ports.get((client + visit) % ports.size());
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/visits"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher count = COUNT.matcher(response.body());
			if (response.statusCode() != 200 || !count.matches() || Integer.parseInt(count.group(1)) != visit) {
				failures.add("client " + client + ", visit " + visit + " on port " + port + ": "
						+ response.statusCode() + " " + response.body());
			}
		}
		return failures;
	}

}
