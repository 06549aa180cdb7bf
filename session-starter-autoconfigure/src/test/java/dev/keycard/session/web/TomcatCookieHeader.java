package dev.keycard.session.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookie;
import org.apache.tomcat.util.http.ServerCookies;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A request whose cookies come from a raw {@code Cookie} header, parsed by Tomcat's own
 * {@link Rfc6265CookieProcessor} and turned into servlet cookies the way Tomcat's
 * {@code Request.getCookies()} does, so that a test sees exactly what the session manager sees
 * in production: Tomcat's parsing of odd headers, its limit of 200 cookies (the first call of
 * {@code getCookies()} then throws {@link IllegalArgumentException}, later calls return the
 * first 200), and its skipping of cookies that {@link Cookie} refuses.
 */
final class TomcatCookieHeader extends MockHttpServletRequest {

	/** Tomcat's default {@code maxCookieCount}. */
	static final int MAX_COOKIE_COUNT = 200;

	private final byte[] header;

	private @Nullable ServerCookies parsed;

	private TomcatCookieHeader(byte[] header) {
		super("GET", "/");
		this.header = header;
		addHeader(HttpHeaders.COOKIE, new String(header, java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	/**
	 * Create a GET request with a raw {@code Cookie} header.
	 * @param header the header value as the bytes a client sent
	 * @return the request
	 */
	static TomcatCookieHeader request(byte[] header) {
		return new TomcatCookieHeader(header);
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		Rfc6265CookieProcessor processor = new Rfc6265CookieProcessor();
		if (this.parsed == null) {
			this.parsed = new ServerCookies(4);
			this.parsed.setLimit(MAX_COOKIE_COUNT);
			MimeHeaders headers = new MimeHeaders();
			headers.addValue(HttpHeaders.COOKIE).setBytes(this.header, 0, this.header.length);
			processor.parseCookieHeader(headers, this.parsed);
		}
		if (this.parsed.getCookieCount() == 0) {
			return null;
		}
		List<Cookie> cookies = new ArrayList<>();
		for (int i = 0; i < this.parsed.getCookieCount(); i++) {
			ServerCookie serverCookie = this.parsed.getCookie(i);
			try {
				Cookie cookie = new Cookie(serverCookie.getName().toString(), null);
				MessageBytes value = serverCookie.getValue();
				value.getByteChunk().setCharset(processor.getCharset());
				cookie.setValue(value.toString());
				cookies.add(cookie);
			}
			catch (IllegalArgumentException ex) {
				// Tomcat skips a cookie whose name the Servlet API refuses, and so do we.
			}
		}
		return cookies.toArray(Cookie[]::new);
	}

}
