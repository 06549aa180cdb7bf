package dev.keycard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile {@code Cookie} headers sent to the running sample application over a real socket, so
 * that Tomcat's own limits and parsing are part of the test: a 100 KB header is answered 400 by
 * Tomcat and the server carries on; a header of more cookies than Tomcat takes is answered 400
 * by Tomcat too, before the application (see {@link CookieCountLimitEndToEndTests} for when it
 * reaches the application); every bit of an issued cookie flipped gives a new session. The tamper
 * corpus of the starter's {@code TamperCorpusTests} runs the same and many more variants
 * through the filter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileCookieEndToEndTests {

	private static final int HUNDRED_KB = 100 * 1024;

	@LocalServerPort
	private int port;

	@Test
	void cookieHeaderOf100KbIsAnswered400AndTheServerCarriesOn() throws IOException {
		String status = statusLine("session=" + "A".repeat(HUNDRED_KB));
		String manyCookies = statusLine(("session=" + "B".repeat(90) + "; ").repeat(HUNDRED_KB / 100));

		assertThat(status).startsWith("HTTP/1.1 400");
		assertThat(manyCookies).startsWith("HTTP/1.1 400");
		assertThat(Browser.open(this.port).get("/visits").body()).isEqualTo("You have visited 1 times");
	}

	@Test
	void moreCookiesThanTomcatTakesAreAnswered400BeforeTheApplication() throws IOException {
		String twoHundredAndOne = "a=1; ".repeat(201);

		assertThat(statusLine(twoHundredAndOne)).startsWith("HTTP/1.1 400");
		assertThat(statusLine("a=1; ".repeat(199))).startsWith("HTTP/1.1 200");
	}

	@Test
	void everyBitOfAnIssuedCookieFlippedGivesANewSession() {
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String issued = browser.cookie("session");
		byte[] token = Base64.getUrlDecoder().decode(issued);
		Browser attacker = Browser.withoutCookieJar(this.port);
		List<String> accepted = new ArrayList<>();
		int tried = 0;
		for (int i = 0; i < token.length; i++) {
			for (int bit = 0; bit < 8; bit++) {
				byte[] flipped = token.clone();
				flipped[i] ^= (byte) (1 << bit);
				String value = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
				HttpResponse<String> response = attacker.get("/session", "session=" + value);
				if (response.statusCode() != 200 || !response.body().equals("{}")) {
					accepted.add(value + " -> " + response.statusCode() + " " + response.body());
				}
				tried++;
			}
		}
		System.out.println("Real socket: " + tried + " bit-flipped cookies sent to Tomcat, " + accepted.size()
				+ " accepted");
		assertThat(tried).isEqualTo(token.length * 8);
		assertThat(accepted).isEmpty();
		assertThat(attacker.get("/session", "session=" + issued).body()).isEqualTo("{\"count\":1}");
	}

	/** Send GET /visits with a raw Cookie header and return the status line. */
	private String statusLine(String cookieHeader) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream output = socket.getOutputStream();
			try {
				output.write(("GET /visits HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookieHeader
						+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				output.flush();
			}
			catch (IOException ex) {
				// Tomcat may answer and close before it has read all of an oversized header.
			}
			String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
				.readLine();
			return (line != null) ? line : "connection closed without an answer";
		}
	}

}
