package dev.keycard.sample;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;
import dev.keycard.session.UserSessions;
import dev.keycard.session.web.DefaultSessionManager;

/**
 * The officer's dashboard and its forms: the theme picker and shift notes. Every form answers
 * with a 303 redirect to the dashboard, so that a reload never posts it again; a flash message
 * there says what was saved or why it was refused. Sign-in and sign-out are Spring Security's
 * ({@link SecurityConfiguration}), on the dashboard's own forms.
 *
 * <p>{@code GET /} answers clients that ask for HTML (browsers); other clients get the plain
 * text answer of {@link SessionController} on the same path.
 */
@Controller
class DashboardController {

	/** Model attribute of the signed-in officer's name. */
	static final String USER = "user";

	/** Session key of the visit count, shared with {@code GET /visits}. */
	static final String COUNT = "count";

	private static final String MESSAGE = "message";

	private static final String ERROR = "error";

	private static final String TO_DASHBOARD = "redirect:/";

	private final SessionInspector inspector;

	private final SessionManager sessionManager;

	private final UserSessions userSessions;

	private final int maxNotes;

	DashboardController(SessionInspector inspector, SessionManager sessionManager, UserSessions userSessions,
			DefaultSessionManager keycard) {
		this.inspector = inspector;
		this.sessionManager = sessionManager;
		this.userSessions = userSessions;
		// A session that may move to a store as it grows can keep more notes than a cookie holds.
		this.maxNotes = (keycard.getStorage().overflowStore() != null) ? ShiftNotes.MAX_NOTES_WITH_OVERFLOW
				: ShiftNotes.MAX_NOTES;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String dashboard(Session session, @RequestHeader(name = HttpHeaders.COOKIE, required = false) @Nullable String cookies,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		int count = (int) session.getOrDefault(COUNT, 0) + 1;
		session.put(COUNT, count);
		model.addAttribute("count", count);
		model.addAttribute("lastCase",
				(session.get(CaseController.LAST_CASE) instanceof String id) ? CaseFile.of(id) : null);
		model.addAttribute("notes", ShiftNotes.of(session));
		model.addAttribute("maxNoteLength", ShiftNotes.MAX_LENGTH);
		model.addAttribute("maxNotes", this.maxNotes);
		model.addAttribute("maxNameLength", OfficerAuthenticationProvider.MAX_NAME_LENGTH);
		String officer = Officers.signedIn(request);
		model.addAttribute("devicesAvailable", this.userSessions.isAvailable());
		model.addAttribute("devices", (officer != null && this.userSessions.isAvailable())
				? this.userSessions.list(officer, request) : List.of());
		// Saved now, before the page is rendered, so that the panel shows the cookie this page sets.
		this.sessionManager.save(session, response);
		model.addAttribute("panel",
				this.inspector.inspect(session, cookies, response.getHeaders(HttpHeaders.SET_COOKIE)));
		return "dashboard";
	}

	@PostMapping("/theme")
	@ResponseStatus(HttpStatus.SEE_OTHER)
	String theme(Session session, @RequestParam(name = "theme", required = false) @Nullable String id,
			RedirectAttributes redirect) {
		Theme theme = Theme.named(id);
		if (theme == null) {
			redirect.addFlashAttribute(ERROR, "Pick the light or the dark theme.");
		}
		else {
			session.put(Theme.SESSION_KEY, theme.id());
			redirect.addFlashAttribute(MESSAGE, "Theme saved");
		}
		return TO_DASHBOARD;
	}

	@PostMapping("/notes")
	@ResponseStatus(HttpStatus.SEE_OTHER)
	String addNote(Session session, @RequestParam(required = false, defaultValue = "") String note,
			RedirectAttributes redirect) {
		String text = UserText.singleLine(note);
		if (text.isEmpty()) {
			redirect.addFlashAttribute(ERROR, "Write something in the note first.");
		}
		else if (text.length() > ShiftNotes.MAX_LENGTH) {
			redirect.addFlashAttribute(ERROR, "A note has at most " + ShiftNotes.MAX_LENGTH + " characters; that one had "
					+ text.length() + ".");
		}
		else {
			ShiftNotes.add(session, text, this.maxNotes);
			redirect.addFlashAttribute(MESSAGE, "Note added");
		}
		return TO_DASHBOARD;
	}

}
