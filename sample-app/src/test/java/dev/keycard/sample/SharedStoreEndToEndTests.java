package dev.keycard.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on different ports share one store, as behind a load
 * balancer: a client alternating between them keeps its session, and its sign-in: signed in on
 * one, it is signed in on the other, and signed out on both by either.
 */
class SharedStoreEndToEndTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "file", "redis", "jdbc" })
	void clientAlternatingBetweenTwoInstancesKeepsItsSession(String store) throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String[] properties = properties(store, suffix);
		try (ConfigurableApplicationContext first = start(properties);
				ConfigurableApplicationContext second = start(properties)) {
			try {
				int[] ports = { port(first), port(second) };
				HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
				List<String> answers = new ArrayList<>();
				for (int visit = 0; visit < 6; visit++) {
					answers.add(get(client, ports[visit % 2], "/visits"));
				}
				assertThat(answers).containsExactly("You have visited 1 times", "You have visited 2 times",
						"You have visited 3 times", "You have visited 4 times", "You have visited 5 times",
						"You have visited 6 times");
				post(client, ports[0], "/login", "username=gordon&password=" + OfficerAuthenticationProvider.PASSWORD);
				assertThat(get(client, ports[1], "/me")).as("signed in on the other instance")
					.contains("\"name\":\"gordon\"");
				assertThat(get(client, ports[1], "/session")).contains("\"count\":6");
				post(client, ports[1], "/logout", "");
				assertThat(status(client, ports[0], "/me")).as("signed out on the first instance").isEqualTo(401);
				assertThat(get(client, ports[0], "/session")).isEqualTo("{}");
			}
			finally {
				cleanUp(store, suffix, first);
			}
		}
	}

	/** Whatever the outcome, nothing of this test stays in the shared servers. */
	private static void cleanUp(String store, String suffix, ConfigurableApplicationContext context) {
		if (store.equals("jdbc")) {
			context.getBean(JdbcTemplate.class).execute("drop table if exists keycard_shared_" + suffix);
		}
		if (store.equals("redis")) {
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			Set<String> keys = redis.keys("keycard-shared:" + suffix + ":*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
	}

	private String[] properties(String store, String suffix) throws IOException {
		List<String> properties = new ArrayList<>(List.of("--server.port=0", "--app.session.store=" + store));
		switch (store) {
			case "file" -> properties
				.add("--app.session.file.directory=" + Files.createDirectories(this.directory.resolve("sessions")));
			case "redis" -> properties.add("--app.session.redis.key-prefix=keycard-shared:" + suffix + ":");
			case "jdbc" -> properties.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
					"--spring.datasource.username=postgres", "--app.session.jdbc.table-name=keycard_shared_" + suffix,
					"--app.session.jdbc.initialize-schema=always"));
			default -> throw new IllegalArgumentException(store);
		}
		return properties.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext start(String[] arguments) {
		return new SpringApplicationBuilder(SampleApplication.class).run(arguments);
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String get(HttpClient client, int port, String path) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s on port %d", path, port).isEqualTo(200);
		return response.body();
	}

	private static int status(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	/** Reads the CSRF token first, as an API client does, from the instance it posts to. */
	private static void post(HttpClient client, int port, String path, String form) throws Exception {
		Object csrfToken = Browser.parseJsonObject(get(client, port, "/csrf")).get("token");
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-CSRF-Token", String.valueOf(csrfToken))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST %s on port %d", path, port).isLessThan(400);
	}

}
