package dev.keycard.session.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserAgentSummary}: real headers of today's browsers and clients.
 */
class UserAgentSummaryTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 | Chrome on Windows
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0 | Edge on Windows
			Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15 | Safari on macOS
			Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1 | Safari on iOS
			Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/142.0.0.0 Mobile/15E148 Safari/604.1 | Chrome on iOS
			Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0 | Firefox on Linux
			Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36 | Chrome on Android
			Mozilla/5.0 (Linux; Android 15; SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android
			Mozilla/5.0 (X11; CrOS x86_64 16181.61.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 | Chrome on ChromeOS
			Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 | Chrome on Linux
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 OPR/125.0.0.0 | Opera on Windows
			curl/8.14.1 | curl
			Java-http-client/17.0.15 | Java HttpClient
			Mozilla/5.0 (Windows NT 10.0) | Unknown browser on Windows
			NotABrowser | Unknown browser
			""")
	void summarizesTheBrowserAndTheSystemOnly(String header, String summary) {
		assertThat(UserAgentSummary.of(header)).isEqualTo(summary);
	}

	@ParameterizedTest
	@NullAndEmptySource
	void noHeaderIsNoSummary(String header) {
		assertThat(UserAgentSummary.of(header)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (Windows NT 10.0) <script>alert(1)</script> Chrome/1 | Chrome on Windows
			Firefox/1 (Linux) build-1234567-fingerprint-ABCDEF | Firefox on Linux
			""")
	void neverCarriesAnythingOfTheHeaderButTheNames(String header, String summary) {
		assertThat(UserAgentSummary.of(header)).isEqualTo(summary);
		assertThat(UserAgentSummary.of(header + "x".repeat(100_000))).isEqualTo(summary);
	}

}
