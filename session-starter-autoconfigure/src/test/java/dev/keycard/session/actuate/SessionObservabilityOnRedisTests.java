package dev.keycard.session.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.keycard.session.micrometer.ObservedSessionStore;
import dev.keycard.session.testsupport.PrivateRedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operations see of a Redis store, with the actuator, on a private {@code redis-server}
 * that the test stops and starts: every store call observed with its outcome, the
 * {@code keycard} health down while Redis is and up again after, {@code /actuator/metrics}
 * listing the meters, and {@code /actuator/keycard} describing the store without a secret or
 * a session value.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.session.secret=" + SessionObservabilityOnRedisTests.SECRET, "app.session.store=redis",
				"app.session.previous-secrets=" + SessionObservabilityOnRedisTests.PREVIOUS_SECRET,
				"spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=1s",
				"management.endpoints.web.exposure.include=health,metrics,keycard",
				"management.endpoint.health.show-details=always", "management.health.redis.enabled=false" })
class SessionObservabilityOnRedisTests {

	static final String SECRET = "observability-secret-Hj4Kl7Mn2Bv5Cx8Zq1Wr";

	static final String PREVIOUS_SECRET = "observability-previous-Tg6Yh9Uj3Ik5Ol8Pf2";

	private static final PrivateRedisServer redis = PrivateRedisServer.inMemory();

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry properties) {
		redis.start();
		properties.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void storeCallsAreObservedWithTheirOutcomeAndHealthFollowsTheStore() throws Exception {
		long okLoads = storeCalls("load", "ok");
		long okSaves = storeCalls("save", "ok");
		String cookie = sessionCookie(get("/count", null));
		assertThat(get("/count", cookie).body()).isEqualTo("2");
		assertThat(storeCalls("load", "ok") - okLoads).isEqualTo(1);
		assertThat(storeCalls("save", "ok") - okSaves).isEqualTo(2);
		JsonNode up = json(get("/actuator/health/keycard", null));
		assertThat(up.path("status").asString()).isEqualTo("UP");
		assertThat(up.path("details").path("store").asString()).isEqualTo("redis");
		assertThat(up.path("details").path("mode").asString()).isEqualTo("signed-id");

		long unavailable = storeCalls("load", "unavailable");
		redis.stop();
		try {
			assertThat(get("/count", cookie).statusCode()).isEqualTo(503);
			assertThat(storeCalls("load", "unavailable") - unavailable).isEqualTo(1);
			HttpResponse<String> down = get("/actuator/health/keycard", null);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(json(down).path("status").asString()).isEqualTo("DOWN");
			assertThat(json(down).path("details").path("error").asString()).isNotBlank();
		}
		finally {
			redis.start();
		}
		await("the store answering again").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(json(get("/actuator/health/keycard", null)).path("status").asString())
				.isEqualTo("UP"));
		assertThat(get("/count", null).statusCode()).as("a new session, on a Redis that lost everything").isEqualTo(200);
	}

	@Test
	void metricsEndpointListsTheKeycardMeters() throws Exception {
		get("/count", null);
		JsonNode names = json(get("/actuator/metrics", null)).path("names");
		assertThat(names.valueStream().map(JsonNode::asString)).contains("keycard.session.cookies.refused",
				"keycard.session.cookies.accepted", "keycard.session.created", "keycard.session.saves",
				"keycard.session.cookie.size", "keycard.session.stored.size", ObservedSessionStore.NAME);
		JsonNode created = json(get("/actuator/metrics/keycard.session.created", null));
		assertThat(created.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void keycardEndpointDescribesTheStoreAndTheKeysButNoSecretOrSession() throws Exception {
		String cookie = sessionCookie(get("/count", null));
		get("/count", cookie);
		HttpResponse<String> response = get("/actuator/keycard", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode keycard = json(response);
		assertThat(keycard.path("store").asString()).isEqualTo("redis");
		assertThat(keycard.path("mode").asString()).isEqualTo("signed-id");
		assertThat(keycard.path("cookie").path("name").asString()).isEqualTo("session");
		assertThat(keycard.path("cookie").path("httpOnly").asBoolean()).isTrue();
		assertThat(keycard.path("lifetime").path("rolling").asBoolean()).isTrue();
		assertThat(keycard.path("keyRing").path("previous").asInt()).isEqualTo(1);
		JsonNode keys = keycard.path("keyRing").path("keys");
		assertThat(keys.get(0).path("name").asString()).isEqualTo("current");
		assertThat(keys.get(0).path("signs").asBoolean()).isTrue();
		assertThat(keys.get(0).path("accepted").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(keys.get(1).path("name").asString()).isEqualTo("previous-1");
		assertThat(keys.get(1).path("signs").asBoolean()).isFalse();
		assertThat(response.body()).doesNotContain(SECRET, PREVIOUS_SECRET, cookie, "\"count\"");
	}

	private long storeCalls(String operation, String outcome) {
		Timer timer = this.registry.find(ObservedSessionStore.NAME)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.tag("store", "redis")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private HttpResponse<String> get(String path, @Nullable String cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (cookie != null) {
			request.header("Cookie", "session=" + cookie);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sessionCookie(HttpResponse<String> response) {
		String header = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(header).startsWith("session=");
		return header.substring("session=".length(), header.indexOf(';'));
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

}
