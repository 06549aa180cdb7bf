package dev.keycard.sample;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import dev.keycard.session.Session;

/**
 * The case list, and the case pages, which remember in the session the last case viewed.
 */
@Controller
class CaseController {

	/** Session key of the number of the last case viewed. */
	static final String LAST_CASE = "lastCase";

	/**
	 * Case pages are larger than 64 KB, several times the response buffer, so that the
	 * response commits while the page is written: the session cookie must still get out.
	 */
	static final int CASE_PAGE_PARAGRAPHS = 1000;

	/** Case numbers are short, so that remembering one can never overflow a cookie session. */
	private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

	@GetMapping("/cases")
	String cases(Model model) {
		model.addAttribute("cases", CaseFile.OPEN_CASES);
		return "cases";
	}

	@GetMapping(path = "/cases/{id}", produces = MediaType.TEXT_HTML_VALUE)
	String caseFile(Session session, @PathVariable String id, Model model) {
		if (!CASE_ID.matcher(id).matches()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"A case number has 1 to 100 letters, digits and dashes");
		}
		session.put(LAST_CASE, id);
		model.addAttribute("caseFile", CaseFile.of(id));
		model.addAttribute("paragraphs", CASE_PAGE_PARAGRAPHS);
		return "case";
	}

}
