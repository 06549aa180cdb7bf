package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret rotated the way the README says, across three runs of the sample application: under
 * the old secret a client gets a cookie; after the rotation (new secret, old one in
 * {@code previous-secrets}) the cookie still works and is re-issued under the new secret; once
 * the old secret is removed, the cookie issued under it is refused, while the re-issued one
 * works. With the cookie store and with the file store, whose sessions outlive the restarts.
 */
class SecretRemovalEndToEndTests {

	static final String OLD_SECRET = "removal-old-secret-Gx4Vn8Ws1Kd6Tz0Ry5Lq";

	static final String NEW_SECRET = "removal-new-secret-Pm7Xc2Pf9Lb4Gs6Nw1Hk";

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "cookie", "file" })
	void cookieIssuedUnderARemovedSecretIsRefused(String store) {
		String underOldSecret = run(store, OLD_SECRET, null, (browser) -> {
			String first = cookieOf(browser.get("/visits"), null);
			HttpResponse<String> second = browser.get("/visits", "session=" + first);
			assertThat(second.body()).isEqualTo("You have visited 2 times");
			SetCookie changed = SetCookie.named(second, "session");
			return (changed != null) ? changed.value() : first;
		});

		String reissued = run(store, NEW_SECRET, OLD_SECRET, (browser) -> {
			HttpResponse<String> third = browser.get("/visits", "session=" + underOldSecret);
			assertThat(third.body()).isEqualTo("You have visited 3 times");
			String value = cookieOf(third, underOldSecret);
			assertThat(browser.get("/session", "session=" + value).body()).isEqualTo("{\"count\":3}");
			return value;
		});

		List<String> afterRemoval = new ArrayList<>();
		run(store, NEW_SECRET, null, (browser) -> {
			afterRemoval.add(browser.get("/session", "session=" + underOldSecret).body());
			afterRemoval.add(browser.get("/session", "session=" + reissued).body());
			HttpResponse<String> visit = browser.get("/visits", "session=" + underOldSecret);
			afterRemoval.add(visit.statusCode() + " " + visit.body());
			return null;
		});

		assertThat(reissued).isNotEqualTo(underOldSecret);
		assertThat(afterRemoval).containsExactly("{}", "{\"count\":3}", "200 You have visited 1 times");
	}

	private <T> T run(String store, String secret, @Nullable String previousSecret, Function<Browser, T> client) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--app.session.store=" + store,
				"--app.session.file.directory=" + this.directory, "--app.session.secret=" + secret));
		if (previousSecret != null) {
			arguments.add("--app.session.previous-secrets[0]=" + previousSecret);
		}
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(SampleApplication.class)
			.run(arguments.toArray(String[]::new))) {
			int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			return client.apply(Browser.withoutCookieJar(port));
		}
	}

	/** The session cookie a response sets, which must differ from the one sent. */
	private static String cookieOf(HttpResponse<String> response, @Nullable String sent) {
		SetCookie cookie = SetCookie.named(response, "session");
		assertThat(cookie).as("Set-Cookie of %s", response.uri()).isNotNull();
		assertThat(cookie.value()).isNotEqualTo(sent).isNotEmpty();
		return cookie.value();
	}

}
