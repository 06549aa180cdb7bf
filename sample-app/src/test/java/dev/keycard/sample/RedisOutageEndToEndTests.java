package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.keycard.session.testsupport.PrivateRedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store through an outage of a private {@code redis-server}: while it is down,
 * requests that need the session answer 503 with a clear log line, never an empty session;
 * when it is back, the same application serves the same sessions again, without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageEndToEndTests {

	@TempDir
	Path directory;

	@Test
	void outageAnswers503LosesNothingAndRecoversWithoutRestart(CapturedOutput output) {
		try (PrivateRedisServer redis = startedPersistentRedis(this.directory);
				ConfigurableApplicationContext application = startedOn(redis)) {
			int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			Browser browser = Browser.open(port);
			assertThat(browser.get("/visits").body()).isEqualTo("You have visited 1 times");
			assertThat(browser.get("/visits").body()).isEqualTo("You have visited 2 times");

			redis.stop();
			HttpResponse<String> duringOutage = browser.get("/visits");
			assertThat(duringOutage.statusCode()).isEqualTo(503);
			assertThat(browser.get("/session").statusCode()).isEqualTo(503);
			assertThat(browser.get("/").statusCode()).isEqualTo(503);
			assertThat(output).contains("Answering 503 Service Unavailable");

			redis.start();
			Awaitility.await("the application serving sessions again")
				.atMost(Duration.ofSeconds(30))
				.until(() -> browser.get("/session").statusCode() == 200);
			assertThat(browser.get("/visits").body()).isEqualTo("You have visited 3 times");
		}
	}

	@Test
	void signingOutOtherDevicesDuringAnOutageAnswers503AndWorksOnceRedisIsBack() {
		try (PrivateRedisServer redis = startedPersistentRedis(this.directory);
				ConfigurableApplicationContext application = startedOn(redis)) {
			int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			Browser desk = Browser.open(port);
			Browser phone = Browser.open(port);
			desk.signIn("bock");
			phone.signIn("bock");
			desk.fetchCsrfToken();

			redis.stop();
			assertThat(desk.post("/devices/sign-out-others").statusCode()).as("during the outage").isEqualTo(503);

			redis.start();
			Awaitility.await("the application serving sessions again")
				.atMost(Duration.ofSeconds(30))
				.until(() -> desk.get("/session").statusCode() == 200);
			assertThat(phone.signedIn()).as("nothing was revoked by the refused request").isEqualTo("bock");
			assertThat(desk.post("/devices/sign-out-others").body()).isEqualTo("{\"signedOut\":1}");
			assertThat(phone.signedIn()).isNull();
			assertThat(desk.signedIn()).isEqualTo("bock");
		}
	}

	private static ConfigurableApplicationContext startedOn(PrivateRedisServer redis) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--app.session.store=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.timeout=1s", "--spring.data.redis.connect-timeout=1s");
	}

	private static PrivateRedisServer startedPersistentRedis(Path directory) {
		PrivateRedisServer redis = PrivateRedisServer.persistent(directory);
		redis.start();
		return redis;
	}

}
