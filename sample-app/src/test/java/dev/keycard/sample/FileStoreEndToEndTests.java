package dev.keycard.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on the file store.
 */
class FileStoreEndToEndTests extends AbstractStoreEndToEndTests {

	static final Path DIRECTORY = temporaryDirectory();

	@DynamicPropertySource
	static void fileStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "file");
		registry.add("app.session.file.directory", DIRECTORY::toString);
	}

	@Test
	void oneFileNamedByTheHashOfTheIdPerSession() throws IOException {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String cookie = browser.cookie("session");
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			assertThat(files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".json")))
				.isNotEmpty()
				.allSatisfy((name) -> assertThat(name).hasSize(43 + ".json".length()))
				.noneSatisfy((name) -> assertThat(cookie).contains(name.substring(0, 20)));
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("keycard-file-store-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
