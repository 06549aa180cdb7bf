package dev.keycard.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.keycard.session.Session;

/**
 * Routes of the end-to-end tests, under {@code /test}, that use the session the ways the
 * sample application does not: changes made just before the response commits in each way a
 * response can commit, in-place changes, read-only and untouched requests, a cleared or
 * invalidated session and one too large for a cookie. Picked up by the sample application's
 * component scan.
 */
@Controller
@RequestMapping("/test")
class SessionEdgeCaseController {

	/** Several times Tomcat's default response buffer of 8 KB. */
	static final int LARGE_BODY_LENGTH = 200 * 1024;

	/** More than a 4096-byte cookie can hold once encoded. */
	static final int TOO_LARGE_VALUE_LENGTH = 5000;

	@PostMapping(path = "/put", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String put(Session session, @RequestParam String key, @RequestParam String value) {
		session.put(key, value);
		return "ok";
	}

	@GetMapping(path = "/untouched", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String untouched() {
		return "this route takes no session";
	}

	@GetMapping(path = "/read", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String read(Session session) {
		return "count is " + session.get("count") + ", items are " + session.get("items");
	}

	@GetMapping(path = "/items/start", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String startItems(Session session) {
		session.put("items", new ArrayList<>(List.of("first")));
		return "started";
	}

	@SuppressWarnings("unchecked")
	@GetMapping(path = "/items/append", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String appendItem(Session session, @RequestParam String item) {
		((List<Object>) session.get("items")).add(item);
		return "appended " + item;
	}

	@GetMapping("/redirect")
	String redirect(Session session) {
		session.put("redirected", true);
		return "redirect:/";
	}

	@GetMapping("/large-body/writer")
	void largeBodyThroughWriter(Session session, HttpServletResponse response) throws IOException {
		session.put("largeBody", "writer");
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		PrintWriter writer = response.getWriter();
		String chunk = "w".repeat(1024);
		for (int written = 0; written < LARGE_BODY_LENGTH; written += chunk.length()) {
			writer.print(chunk);
		}
	}

	@GetMapping("/large-body/lines")
	void largeBodyOfLines(Session session, HttpServletResponse response) throws IOException {
		session.put("largeBody", "lines");
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		PrintWriter writer = response.getWriter();
		String line = "l".repeat(79);
		for (int written = 0; written < LARGE_BODY_LENGTH; written += line.length() + 1) {
			writer.println(line);
		}
	}

	@GetMapping("/large-body/stream")
	void largeBodyThroughStream(Session session, HttpServletResponse response) throws IOException {
		session.put("largeBody", "stream");
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		OutputStream stream = response.getOutputStream();
		byte[] chunk = "s".repeat(1024).getBytes(StandardCharsets.US_ASCII);
		for (int written = 0; written < LARGE_BODY_LENGTH; written += chunk.length) {
			stream.write(chunk);
		}
	}

	@GetMapping("/not-found")
	void notFound(Session session, HttpServletResponse response) throws IOException {
		session.put("notFoundSeen", true);
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	@PostMapping(path = "/clear", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String clear(Session session) {
		session.clear();
		return "cleared";
	}

	/** A GET, so that it needs no CSRF token, and so no session, to be called. */
	@GetMapping(path = "/invalidate", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String invalidate(Session session) {
		session.invalidate();
		return "invalidated";
	}

	@GetMapping(path = "/too-large", produces = MediaType.TEXT_PLAIN_VALUE)
	@ResponseBody
	String tooLarge(Session session) {
		session.put("report", "r".repeat(TOO_LARGE_VALUE_LENGTH));
		return "stored a report";
	}

}
