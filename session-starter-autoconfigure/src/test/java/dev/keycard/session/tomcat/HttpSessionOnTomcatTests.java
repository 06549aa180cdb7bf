package dev.keycard.session.tomcat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.SessionAttributes;
import org.springframework.web.bind.support.SessionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;

import dev.keycard.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code HttpSession} on Keycard on a real Tomcat, used the ways applications use it:
 * {@code @SessionAttributes}, an {@code HttpSession} handler parameter and a filter of another
 * library, all in the Keycard session, and the container never creates a session of its own.
 */
@SpringBootTest(classes = HttpSessionOnTomcatTests.HttpSessionApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "app.session.secret=Zq7v3N1xKm8pR2tW6yB4cF9hJ0dL5sGa")
class HttpSessionOnTomcatTests {

	@LocalServerPort
	int port;

	@Test
	void sessionAttributesOfAControllerAreKeptInTheKeycardSessionUntilComplete() {
		Browser browser = new Browser(this.port);
		assertThat(browser.get("/order/add/tea").body()).isEqualTo("[tea]");
		assertThat(browser.get("/order/add/scones").body()).isEqualTo("[tea, scones]");
		assertThat(browser.get("/keycard").body()).as("the Keycard session").contains("order=[tea, scones]");
		assertThat(browser.get("/order/complete").body()).isEqualTo("ordered [tea, scones]");
		assertThat(browser.get("/keycard").body()).doesNotContain("order");
		assertThat(browser.get("/order/add/jam").body()).as("a new order").isEqualTo("[jam]");
		assertNoContainerSession(browser);
	}

	@Test
	void httpSessionParameterReadsAndWritesTheKeycardSession() {
		Browser browser = new Browser(this.port);
		assertThat(browser.get("/hits").body()).isEqualTo("1");
		assertThat(browser.get("/hits").body()).isEqualTo("2");
		assertThat(browser.get("/keycard").body()).contains("hits=2");
		HttpResponse<String> invalidated = browser.get("/invalidate");
		assertThat(invalidated.headers().allValues("Set-Cookie"))
			.anySatisfy((header) -> assertThat(header).startsWith("session=").contains("Max-Age=0"));
		assertThat(browser.get("/hits").body()).as("after invalidate()").isEqualTo("1");
		assertNoContainerSession(browser);
	}

	@Test
	void filterOfAnotherLibrarySeesTheSameSessionAsTheController() {
		Browser browser = new Browser(this.port);
		browser.get("/hits");
		assertThat(browser.get("/keycard").body()).contains("filter=seen");
		assertNoContainerSession(browser);
	}

	@Test
	void httpSessionParameterSeesTheKeycardSessionsValues() {
		Browser browser = new Browser(this.port);
		browser.get("/keycard/put/officer/gordon");
		assertThat(browser.get("/http-session/officer").body()).isEqualTo("gordon");
	}

	@Test
	void requestThatNeverAsksForTheSessionStartsNone() {
		HttpResponse<String> response = new Browser(this.port).get("/nothing");
		assertThat(response.body()).isEqualTo("nothing");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	private static void assertNoContainerSession(Browser browser) {
		assertThat(browser.setCookies()).isNotEmpty()
			.noneSatisfy((header) -> assertThat(header).startsWithIgnoringCase("JSESSIONID"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ HttpSessionApplication.OrderController.class, HttpSessionApplication.HitsController.class })
	static class HttpSessionApplication {

		/** As a library's filter does: it keeps something in the HttpSession before the application runs. */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> markingFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (request.getRequestURI().equals("/hits")) {
								request.getSession().setAttribute("filter", "seen");
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(0);
			return registration;
		}

		/** Writes the model's {@code text}, as a template would, after the session attributes are stored. */
		@Bean
		View text() {
			return new View() {

				@Override
				public String getContentType() {
					return MediaType.TEXT_PLAIN_VALUE;
				}

				@Override
				public void render(@Nullable Map<String, ?> model, HttpServletRequest request,
						HttpServletResponse response) throws IOException {
					response.setContentType(getContentType());
					response.getWriter().write(String.valueOf((model != null) ? model.get("text") : null));
				}

			};
		}

		/** A wizard, as {@code @SessionAttributes} is meant for: the order is kept until it is complete. */
		@Controller
		@SessionAttributes("order")
		static class OrderController {

			@ModelAttribute("order")
			List<String> order() {
				return new ArrayList<>();
			}

			@GetMapping("/order/add/{item}")
			String add(@ModelAttribute("order") List<String> order, @PathVariable String item, Model model) {
				order.add(item);
				model.addAttribute("text", order.toString());
				return "text";
			}

			@GetMapping("/order/complete")
			String complete(@ModelAttribute("order") List<String> order, SessionStatus status, Model model) {
				status.setComplete();
				model.addAttribute("text", "ordered " + order);
				return "text";
			}

		}

		@RestController
		static class HitsController {

			@GetMapping("/hits")
			String hits(HttpSession session) {
				Object hits = session.getAttribute("hits");
				int next = (hits instanceof Number number) ? number.intValue() + 1 : 1;
				session.setAttribute("hits", next);
				return String.valueOf(next);
			}

			@GetMapping("/invalidate")
			String invalidate(HttpSession session) {
				session.invalidate();
				return "invalidated";
			}

			@GetMapping("/http-session/{name}")
			String attribute(HttpSession session, @PathVariable String name) {
				return String.valueOf(session.getAttribute(name));
			}

			@GetMapping("/keycard")
			String keycard(Session session) {
				return new TreeMap<>(session).toString();
			}

			@GetMapping("/keycard/put/{name}/{value}")
			String put(Session session, @PathVariable String name, @PathVariable String value) {
				session.put(name, value);
				return "put";
			}

			@GetMapping("/nothing")
			String nothing() {
				return "nothing";
			}

		}

	}

}
