package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.codec.SessionIdCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application under load on every store, with exact accounting: {@value #CLIENTS}
 * concurrent clients, each with its own cookie jar, each count {@value #VISITS} visits, and
 * every response shows exactly the client's next count; at the end each session holds exactly
 * {@value #VISITS}. On the server-side stores, and with a session that outgrew its cookie and moved
 * to its overflow store, {@value #CLIENTS} more clients then share one
 * session and each write a key of their own {@value #SHARED_WRITES} times: every key survives
 * with its last value. Redis and PostgreSQL are the machine's real servers.
 */
class VisitLoadEndToEndTests {

	static final int CLIENTS = 32;

	static final int VISITS = 500;

	static final int SHARED_WRITES = 50;

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Store.class)
	void everyClientEndsWithExactlyItsOwnCount(Store store) throws Exception {
		String name = store.name().toLowerCase(java.util.Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(SampleApplication.class, InFlightRequests.class)
			.run(store.arguments(this.directory, name))) {
			try {
				int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				VisitLoad.Report report = VisitLoad.of(port, CLIENTS, VISITS)
					.run((WebServerApplicationContext) application);
				System.out.println("Load " + report.summary(store.name()));
				assertThat(report.errors()).isEmpty();
				assertThat(report.clients()).hasSize(CLIENTS)
					.allSatisfy((client) -> assertThat(client.lastCount()).isEqualTo(VISITS));
				assertThat(report.requests()).isEqualTo(CLIENTS * VISITS);
				assertThat(report.unavailable()).isZero();
				if (store.isServerSide() || store == Store.OVERFLOW_TO_REDIS) {
					assertConcurrentWritesOfDifferentKeysAllSurvive(port, store == Store.OVERFLOW_TO_REDIS);
				}
			}
			finally {
				store.cleanUp(application, name);
			}
		}
	}

	private static void assertConcurrentWritesOfDifferentKeysAllSurvive(int port, boolean overflow) throws Exception {
		Browser owner = Browser.open(port);
		owner.get("/visits");
		String padding = "padding".repeat(60);
		if (overflow) {
			// Grown past the threshold: the session moves to the store, its cookie becomes an id.
			owner.get("/load/put?key=" + padding + "&value=1");
			assertThat(SessionIdCodec.isSessionIdShaped(owner.cookie("session"))).as("the cookie, moved").isTrue();
		}
		String cookieHeader = "session=" + owner.cookie("session");
		ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<List<Integer>>> futures = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				String key = "client" + client;
				futures.add(executor.submit(() -> {
					Browser sameSession = Browser.withoutCookieJar(port);
					List<Integer> statuses = new ArrayList<>();
					for (int value = 1; value <= SHARED_WRITES; value++) {
						HttpResponse<String> response = sameSession.get("/load/put?key=" + key + "&value=" + value,
								cookieHeader);
						statuses.add(response.statusCode());
					}
					return statuses;
				}));
			}
			for (Future<List<Integer>> future : futures) {
				assertThat(future.get(5, TimeUnit.MINUTES)).containsOnly(200);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, @Nullable Object> session = owner.session();
		assertThat(session).hasSize(CLIENTS + (overflow ? 2 : 1)).containsEntry("count", 1);
		for (int client = 0; client < CLIENTS; client++) {
			assertThat(session).containsEntry("client" + client, SHARED_WRITES);
		}
		System.out.println("Load shared session: " + CLIENTS + " clients x " + SHARED_WRITES
				+ " writes of their own key, all " + CLIENTS + " keys kept their last value");
	}

	/** Every way the sample application keeps sessions. */
	enum Store {

		COOKIE_SIGNED, COOKIE_ENCRYPTED, MEMORY, FILE, REDIS, JDBC_POSTGRESQL, OVERFLOW_TO_REDIS;

		String[] arguments(Path directory, String name) {
			List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
			arguments.addAll(switch (this) {
				case COOKIE_SIGNED -> List.of();
				case COOKIE_ENCRYPTED -> List.of("--app.session.encrypt=true");
				case MEMORY -> List.of("--app.session.store=memory");
				case FILE -> List.of("--app.session.store=file", "--app.session.file.directory=" + directory);
				case REDIS -> List.of("--app.session.store=redis", "--app.session.redis.key-prefix=" + name + ":",
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379");
				case OVERFLOW_TO_REDIS -> List.of("--app.session.overflow-store=redis",
						"--app.session.overflow-threshold=512", "--app.session.redis.key-prefix=" + name + ":");
				case JDBC_POSTGRESQL -> List.of("--app.session.store=jdbc", "--app.session.jdbc.table-name=" + name,
						"--app.session.jdbc.initialize-schema=always",
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
						"--spring.datasource.username=postgres", "--spring.datasource.hikari.maximum-pool-size=16");
			});
			return arguments.toArray(String[]::new);
		}

		boolean isServerSide() {
			return this != COOKIE_SIGNED && this != COOKIE_ENCRYPTED;
		}

		void cleanUp(ConfigurableApplicationContext application, String name) {
			if (this == REDIS || this == OVERFLOW_TO_REDIS) {
				StringRedisTemplate redis = application.getBean(StringRedisTemplate.class);
				try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(name + ":*").build())) {
					keys.forEachRemaining(redis::delete);
				}
			}
			if (this == JDBC_POSTGRESQL) {
				application.getBean(JdbcTemplate.class).execute("drop table if exists " + name);
			}
		}

	}

}
