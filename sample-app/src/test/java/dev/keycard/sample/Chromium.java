package dev.keycard.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's {@code chromedriver}: the browser the
 * dashboard is tested in, with its real cookie rules. Both binaries are given to Selenium, so
 * that Selenium Manager never looks for, or downloads, a browser or a driver. Each start uses
 * a fresh, empty profile.
 *
 * <p>Missing binaries skip the browser tests on a developer's machine, and fail them under
 * {@code CI=true}: CI installs them, so there they must run.
 */
final class Chromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Where every browser test leaves a screenshot of the page it ended on. */
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(15);

	private @Nullable ChromeDriverService service;

	private @Nullable ChromeDriver driver;

	private @Nullable Path profile;

	private Chromium() {
	}

	/**
	 * Start Chromium, or skip the calling test (fail it under {@code CI=true}) if it is not
	 * installed.
	 * @return the running browser
	 */
	static Chromium start() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String problem = "The browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and "
					+ CHROMEDRIVER + ": apt-get install chromium chromium-driver";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(problem + " (.ci/run installs them when missing)");
			}
			Assumptions.abort(problem);
		}
		Chromium chromium = new Chromium();
		chromium.launch();
		return chromium;
	}

	/**
	 * Return the driver of the running browser.
	 * @return the driver
	 */
	WebDriver driver() {
		ChromeDriver driver = this.driver;
		if (driver == null) {
			throw new IllegalStateException("Chromium is not running");
		}
		return driver;
	}

	/**
	 * Quit the browser and start a new one with an empty profile, as a user who closes and
	 * reopens it: session cookies and everything else are gone.
	 */
	void restart() {
		quit();
		launch();
	}

	/**
	 * Delete every cookie of every site, so that each test starts as a first visit. Cookies do
	 * not depend on the port, so the applications of several test classes share them.
	 */
	void deleteAllCookies() {
		((ChromeDriver) driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	/**
	 * Click an element that submits a form or follows a link, and wait for the next page.
	 * @param element the button or link
	 */
	void clickAndWaitForNextPage(WebElement element) {
		WebElement page = driver().findElement(By.tagName("html"));
		element.click();
		waitUntil(replaced(page));
		waitUntilLoaded();
	}

	/**
	 * Open a URL and wait until it is loaded.
	 * @param url the URL
	 */
	void open(String url) {
		driver().get(url);
		waitUntilLoaded();
	}

	/** Reload the page, as the reload button does, and wait until it is loaded. */
	void reload() {
		WebElement page = driver().findElement(By.tagName("html"));
		driver().navigate().refresh();
		waitUntil(replaced(page));
		waitUntilLoaded();
	}

	/**
	 * Whether the page an element belonged to has been replaced. ChromeDriver reports an element
	 * of an unloaded page either as stale or, now and then, as a node that "does not belong to
	 * the document"; both mean the next page has replaced it.
	 */
	private static ExpectedCondition<Boolean> replaced(WebElement element) {
		return (driver) -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		};
	}

	/**
	 * Run JavaScript in the page.
	 * @param script the script, whose {@code return} value is returned
	 * @param arguments the script's {@code arguments}
	 * @return what the script returned
	 */
	@Nullable Object execute(String script, Object... arguments) {
		return ((JavascriptExecutor) driver()).executeScript(script, arguments);
	}

	/**
	 * Wait until a condition holds, for at most 15 seconds.
	 * @param condition the condition, which holds once it returns neither {@code null} nor
	 * {@code false}
	 * @param <T> what the condition returns
	 * @return what the condition returned
	 */
	<T> T waitUntil(Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver(), WAIT).until(condition);
	}

	/**
	 * Save a picture of the whole page, beyond the window too, under {@link #SCREENSHOTS}.
	 * @param name the file name, without {@code .png}
	 * @return the file
	 */
	Path screenshot(String name) {
		ChromeDriver driver = (ChromeDriver) driver();
		Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
		Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
		Map<String, Object> picture = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, Base64.getDecoder().decode((String) picture.get("data")));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		quit();
	}

	private void waitUntilLoaded() {
		waitUntil((driver) -> "complete".equals(execute("return document.readyState")));
	}

	private void launch() {
		try {
			this.profile = Files.createTempDirectory("keycard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// No network here: without the background-networking switches Chromium keeps trying to reach its services.
		options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + this.profile));
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(this.service, options);
	}

	private void quit() {
		try {
			if (this.driver != null) {
				this.driver.quit();
			}
			if (this.service != null) {
				this.service.stop();
			}
		}
		finally {
			this.driver = null;
			this.service = null;
			deleteProfile();
		}
	}

	private void deleteProfile() {
		Path profile = this.profile;
		this.profile = null;
		if (profile == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in the temporary directory harms nothing.
		}
	}

}
