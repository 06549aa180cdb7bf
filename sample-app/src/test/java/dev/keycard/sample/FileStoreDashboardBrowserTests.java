package dev.keycard.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium on the file store.
 */
class FileStoreDashboardBrowserTests extends AbstractDashboardBrowserTests {

	@DynamicPropertySource
	static void fileStore(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Files.createTempDirectory("keycard-dashboard-sessions-");
		registry.add("app.session.store", () -> "file");
		registry.add("app.session.file.directory", directory::toString);
	}

}
