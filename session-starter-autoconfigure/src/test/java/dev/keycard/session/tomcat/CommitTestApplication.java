package dev.keycard.session.tomcat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.view.RedirectView;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;

/**
 * An application whose handlers finish in every way Spring MVC offers, each changing the
 * session first, and whose error page reads the session and writes to it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CommitTestApplication.FinishingController.class)
class CommitTestApplication {

	/** More than Tomcat's response buffer (8 KiB): the body commits the response as it is written. */
	static final int LARGE_BODY = 64 * 1024;

	@Bean
	View greeting() {
		return new View() {

			@Override
			public String getContentType() {
				return MediaType.TEXT_HTML_VALUE;
			}

			@Override
			public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
					throws IOException {
				response.setContentType(getContentType());
				response.getWriter().write("<p>hello</p>");
			}

		};
	}

	/** The error page: shows the count the session holds, and notes the error in the session. */
	@Bean
	ErrorAttributes errorAttributes(SessionManager sessionManager) {
		return new DefaultErrorAttributes() {

			@Override
			public Map<String, @Nullable Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
				Map<String, @Nullable Object> attributes = super.getErrorAttributes(webRequest, options);
				HttpServletRequest request = ((NativeWebRequest) webRequest).getNativeRequest(HttpServletRequest.class);
				Session session = sessionManager.load(request);
				attributes.put("sessionCount", session.get("count"));
				session.put("errorPage", String.valueOf(attributes.get("status")));
				return attributes;
			}

		};
	}

	@RestController
	static class FinishingController {

		@GetMapping("/string")
		String string(Session session) {
			count(session);
			return "string";
		}

		@GetMapping("/view")
		ModelAndView view(Session session) {
			count(session);
			return new ModelAndView("greeting");
		}

		@GetMapping("/entity")
		ResponseEntity<String> entity(Session session) {
			count(session);
			return ResponseEntity.ok().header("X-Finished", "entity").body("entity");
		}

		@GetMapping("/redirect")
		RedirectView redirect(Session session) {
			count(session);
			return new RedirectView("/values");
		}

		@GetMapping("/send-error")
		void sendError(Session session, HttpServletResponse response) throws IOException {
			count(session);
			response.sendError(418);
		}

		@GetMapping("/large")
		void large(Session session, HttpServletResponse response) throws IOException {
			count(session);
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getOutputStream().write(new byte[LARGE_BODY]);
		}

		/** A JSON body larger than the buffer: the session is saved while Jackson writes it. */
		@GetMapping("/large-json")
		Map<String, String> largeJson(Session session) {
			count(session);
			return Map.of("padding", "x".repeat(LARGE_BODY));
		}

		@GetMapping("/streaming")
		StreamingResponseBody streaming(Session session) {
			count(session);
			return (body) -> body.write(new byte[LARGE_BODY]);
		}

		@GetMapping("/callable")
		Callable<String> callable(Session session) {
			return () -> {
				count(session);
				return "callable";
			};
		}

		@GetMapping("/throw")
		String fail(Session session) {
			count(session);
			session.put("half", "done");
			throw new IllegalStateException("the handler failed half-way");
		}

		@GetMapping("/thread")
		String thread() {
			return Thread.currentThread().getClass().getName();
		}

		@GetMapping("/values")
		Map<String, @Nullable Object> values(Session session) {
			return new LinkedHashMap<>(session);
		}

		@GetMapping("/no-store")
		ResponseEntity<Map<String, @Nullable Object>> noStore(Session session) {
			return ResponseEntity.ok().header("Cache-Control", "no-store").body(new LinkedHashMap<>(session));
		}

		@GetMapping("/late-regenerate")
		void lateRegenerate(Session session, HttpServletResponse response) throws IOException {
			session.get("count");
			response.getWriter().write("committed first");
			response.flushBuffer();
			session.regenerate();
			session.put("after", "commit");
		}

		@GetMapping("/late-first-save")
		void lateFirstSave(Session session, HttpServletResponse response) throws IOException {
			response.getWriter().write("committed first");
			response.flushBuffer();
			session.put("after", "commit");
		}

		private static void count(Session session) {
			session.put("count", (int) session.getOrDefault("count", 0) + 1);
		}

	}

}
