package dev.keycard.session.mvc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;

@RestController
class SessionTestController {

	private final SessionManager sessionManager;

	SessionTestController(SessionManager sessionManager) {
		this.sessionManager = sessionManager;
	}

	@GetMapping({ "/none", "/read-nothing" })
	String none() {
		return "no session here";
	}

	@GetMapping("/read")
	String read(Session session) {
		return "count=" + session.get("count") + " new=" + session.isNew();
	}

	@GetMapping("/put/{key}/{value}")
	String put(Session session, @PathVariable String key, @PathVariable String value) {
		session.put(key, value);
		return "ok";
	}

	@GetMapping("/fail")
	String fail(Session session) {
		session.put("half", "done");
		throw new IllegalStateException("the handler failed half-way");
	}

	@GetMapping("/fail-handled")
	String failHandled(Session session) {
		session.put("half", "done");
		throw new HandledFailure();
	}

	@ExceptionHandler
	ResponseEntity<String> handled(HandledFailure failure, Session session) {
		session.put("handledBy", "exceptionHandler");
		return ResponseEntity.status(409).body("handled");
	}

	/** A failure the controller turns into a response of its own. */
	static final class HandledFailure extends RuntimeException {

	}

	@GetMapping("/count")
	String count(Session session) {
		int count = (int) session.getOrDefault("count", 0) + 1;
		session.put("count", count);
		return String.valueOf(count);
	}

	@GetMapping("/notes/add")
	@SuppressWarnings("unchecked")
	String addNote(Session session, @RequestParam String note) {
		List<Object> notes = (List<Object>) session.get("notes");
		if (notes == null) {
			session.put("notes", new ArrayList<>(List.of(note)));
		}
		else {
			notes.add(note);
		}
		return "ok";
	}

	@GetMapping("/clear")
	String clear(Session session) {
		session.clear();
		return "cleared";
	}

	@GetMapping("/invalidate")
	String invalidate(Session session) {
		session.invalidate();
		return "invalidated";
	}

	@GetMapping("/intercepted")
	String intercepted(Session session, HttpServletRequest request) {
		session.put("handler", "controller");
		return "same=" + (this.sessionManager.load(request) == session);
	}

	@GetMapping("/redirect")
	RedirectView redirect(Session session) {
		session.put("redirected", true);
		return new RedirectView("/read");
	}

	@GetMapping("/error404")
	void error(Session session, HttpServletResponse response) throws IOException {
		session.put("errored", true);
		response.sendError(404);
	}

	@GetMapping("/public")
	ResponseEntity<String> cachedPublicly(Session session) {
		session.put("cached", "no");
		return ResponseEntity.ok().header("Cache-Control", "public, max-age=60").body("ok");
	}

	@GetMapping("/save-twice")
	String saveTwice(Session session, HttpServletResponse response) {
		response.addHeader("Set-Cookie", "theme=dark; Path=/");
		session.put("step", 1);
		this.sessionManager.save(session, response);
		session.put("step", 2);
		return "ok";
	}

	@GetMapping("/save-after-commit")
	void saveAfterCommit(Session session, HttpServletResponse response) throws IOException {
		response.getWriter().write("committed;");
		response.flushBuffer();
		session.put("late", true);
		try {
			this.sessionManager.save(session, response);
			response.getWriter().write("saved");
		}
		catch (IllegalStateException ex) {
			response.getWriter().write(ex.getMessage());
		}
	}

	@GetMapping("/large")
	String large(Session session) {
		session.put("small", "x");
		session.put("blob", "y".repeat(5000));
		return "too large";
	}

	@GetMapping("/regenerate")
	String regenerate(Session session) {
		session.regenerate();
		return "regenerated";
	}

	@GetMapping("/flash/save")
	RedirectView saveFlash(RedirectAttributes attributes) {
		attributes.addFlashAttribute("message", "Theme saved");
		return new RedirectView("/flash/show");
	}

	@GetMapping("/flash/show")
	String showFlash(HttpServletRequest request) {
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		return "message=" + ((flash != null) ? flash.get("message") : null);
	}

	@GetMapping("/async")
	Callable<String> async(Session session) {
		return () -> {
			session.put("async", "yes");
			return "async";
		};
	}

}
