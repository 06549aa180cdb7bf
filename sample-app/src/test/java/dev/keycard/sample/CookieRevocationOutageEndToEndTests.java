package dev.keycard.sample;

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
 * Cookie sessions whose Redis revocation store, a private {@code redis-server}, goes down: a
 * revocation cannot be made (503, nothing revoked), anonymous sessions are served throughout,
 * and once the revocations have not been confirmed for {@code max-staleness}, signed-in
 * sessions are refused with 503 (fail mode closed, the default) or served on what is known
 * (open). When Redis is back, everything works again without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class CookieRevocationOutageEndToEndTests {

	private static final Duration MAX_STALENESS = Duration.ofSeconds(2);

	@TempDir
	Path directory;

	@Test
	void failClosedRefusesSignedInSessionsOnceStaleAndRecoversWhenRedisIsBack(CapturedOutput output) {
		try (PrivateRedisServer redis = startedPersistentRedis(this.directory);
				ConfigurableApplicationContext application = startedOn(redis, "closed")) {
			int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			Browser desk = Browser.open(port);
			Browser phone = Browser.open(port);
			Browser visitor = Browser.open(port);
			desk.signIn("bullock");
			phone.signIn("bullock");
			desk.fetchCsrfToken();
			assertThat(visitor.get("/visits").body()).isEqualTo("You have visited 1 times");

			redis.stop();
			assertThat(desk.post("/devices/sign-out-others").statusCode()).as("a revocation during the outage")
				.isEqualTo(503);
			Awaitility.await("signed-in sessions refused once the revocations are stale")
				.atMost(MAX_STALENESS.multipliedBy(3))
				.until(() -> desk.get("/me").statusCode() == 503);
			assertThat(phone.get("/me").statusCode()).isEqualTo(503);
			assertThat(visitor.get("/visits").body()).as("an anonymous session, throughout")
				.isEqualTo("You have visited 2 times");
			assertThat(output).contains("revocation store cannot be reached");
			assertThat(visitor.get("/actuator/health/keycard").body()).as("health during the outage")
				.contains("\"status\":\"DOWN\"", "signed-in sessions answer 503");

			redis.start();
			Awaitility.await("signed-in sessions served again")
				.atMost(Duration.ofSeconds(30))
				.until(() -> desk.get("/me").statusCode() == 200);
			assertThat(phone.signedIn()).as("nothing was revoked by the refused request").isEqualTo("bullock");
			assertThat(visitor.get("/actuator/health/keycard").body()).contains("\"status\":\"UP\"",
					"\"revocationStore\":\"redis\"");
			assertThat(desk.post("/devices/sign-out-others").body()).isEqualTo("{\"signedOut\":1}");
			assertThat(phone.signedIn()).isNull();
			assertThat(desk.signedIn()).isEqualTo("bullock");
		}
	}

	@Test
	void failOpenServesSignedInSessionsOnWhatIsKnown(CapturedOutput output) {
		try (PrivateRedisServer redis = startedPersistentRedis(this.directory);
				ConfigurableApplicationContext application = startedOn(redis, "open")) {
			int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			Browser desk = Browser.open(port);
			Browser phone = Browser.open(port);
			desk.signIn("essen");
			phone.signIn("essen");
			desk.fetchCsrfToken();
			assertThat(desk.post("/devices/sign-out-others").body()).isEqualTo("{\"signedOut\":1}");

			redis.stop();
			Awaitility.await("the revocations stale")
				.atMost(MAX_STALENESS.multipliedBy(3))
				.until(() -> desk.get("/me").statusCode() == 200
						&& output.toString().contains("Serving signed-in sessions on revocations older than"));

			assertThat(desk.signedIn()).as("served on what is known").isEqualTo("essen");
			assertThat(phone.signedIn()).as("revoked before the outage: still refused").isNull();
		}
	}

	private static ConfigurableApplicationContext startedOn(PrivateRedisServer redis, String failMode) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--app.session.revocation.store=redis", "--app.session.revocation.fail-mode=" + failMode,
				"--app.session.revocation.max-staleness=" + MAX_STALENESS.toMillis() + "ms",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.timeout=500ms", "--spring.data.redis.connect-timeout=500ms");
	}

	private static PrivateRedisServer startedPersistentRedis(Path directory) {
		PrivateRedisServer redis = PrivateRedisServer.persistent(directory);
		redis.start();
		return redis;
	}

}
