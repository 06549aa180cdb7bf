package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.keycard.session.Session;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie attributes set under {@code app.session} reach the {@code Set-Cookie} header
 * exactly, attribute for attribute and in order, on the cookie that carries a session and on
 * the one that expires it, for cookie sessions and server-side ones alike.
 */
class SessionCookieHeaderTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
		.withPropertyValues("app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# properties                                                                    | attributes after the value, Expires left out
			''                                                                              | Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax
			app.session.store=memory                                                        | Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax
			app.session.secure=true, app.session.same-site=None                             | Path=/; Max-Age=1209600; Secure; HttpOnly; SameSite=None
			app.session.http-only=false, app.session.same-site=Strict, app.session.domain=example.com | Path=/; Domain=example.com; Max-Age=1209600; SameSite=Strict
			app.session.same-site=strict, app.session.store=memory, app.session.secure=true | Path=/; Max-Age=1209600; Secure; HttpOnly; SameSite=Strict
			app.session.secure=true, app.session.domain=sub.example.org, app.session.path=/app, app.session.max-age=30m, app.session.encrypt=true | Path=/app; Domain=sub.example.org; Max-Age=1800; Secure; HttpOnly; SameSite=Lax
			app.session.secure=false, app.session.http-only=false, app.session.same-site=Lax, app.session.store=memory, app.session.domain=example.net | Path=/; Domain=example.net; Max-Age=1209600; SameSite=Lax
			""")
	void cookieAttributesReachTheHeaderExactly(String properties, String attributes) {
		String[] pairs = properties.isEmpty() ? new String[0] : properties.split(",\\s*");
		this.contextRunner.withPropertyValues(pairs).run((context) -> {
			assertThat(context).hasNotFailed();
			DefaultSessionManager manager = context.getBean(DefaultSessionManager.class);
			List<String> expected = Arrays.asList(attributes.split("; "));
			String name = "session";

			String issued = singleHeader(request(manager, null, (session) -> session.put("user", "bruce")));
			String value = issued.substring(name.length() + 1, issued.indexOf(';'));
			String expired = singleHeader(request(manager, value, Session::invalidate));

			assertThat(issued).startsWith(name + "=" + value + ";");
			assertThat(withoutExpires(issued)).containsExactlyElementsOf(expected);
			assertThat(expiresOf(issued)).isNotNull();
			assertThat(expired).startsWith(name + "=;");
			assertThat(withoutExpires(expired))
				.containsExactlyElementsOf(expected.stream().map((attribute) -> attribute.startsWith("Max-Age=")
						? "Max-Age=0" : attribute).toList());
		});
	}

	private static MockHttpServletResponse request(DefaultSessionManager manager, @Nullable String cookie,
			Consumer<Session> handler) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		if (cookie != null) {
			request.setCookies(new Cookie("session", cookie));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			new SessionFilter(manager).doFilter(request, response, new MockFilterChain(new HttpServlet() {

				@Override
				protected void service(HttpServletRequest req, HttpServletResponse res) {
					handler.accept(manager.load(req));
				}

			}));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	private static String singleHeader(MockHttpServletResponse response) {
		List<String> headers = response.getHeaders("Set-Cookie");
		assertThat(headers).hasSize(1);
		return headers.get(0);
	}

	/** The attributes after the value, without Expires, whose value is the time of the request. */
	private static List<String> withoutExpires(String header) {
		List<String> attributes = new ArrayList<>(Arrays.asList(header.split("; ")));
		attributes.remove(0);
		attributes.removeIf((attribute) -> attribute.startsWith("Expires="));
		return attributes;
	}

	private static @Nullable ZonedDateTime expiresOf(String header) {
		for (String attribute : header.split("; ")) {
			if (attribute.startsWith("Expires=")) {
				ZonedDateTime expires = ZonedDateTime.parse(attribute.substring("Expires=".length()),
						DateTimeFormatter.RFC_1123_DATE_TIME);
				assertThat(Duration.between(ZonedDateTime.now(), expires)).isPositive();
				return expires;
			}
		}
		return null;
	}

}
