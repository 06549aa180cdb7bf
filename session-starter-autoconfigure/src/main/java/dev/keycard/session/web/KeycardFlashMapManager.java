package dev.keycard.session.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

import dev.keycard.session.Session;
import dev.keycard.session.SessionManager;

/**
 * Keeps flash attributes ({@code RedirectAttributes.addFlashAttribute}) in the Keycard
 * session instead of the container's {@code HttpSession}, so that a flash survives exactly one
 * redirect on every store and no {@code JSESSIONID} cookie is ever created.
 *
 * <p>Spring asks for flash maps on every request. So that requests without a pending flash
 * still never read the session, a small cookie named after the session cookie with a
 * {@code _flash} suffix marks the requests that may have one; it holds no data, and a forged
 * one only costs a session read. Flash attributes are stored as JSON values: strings, numbers,
 * lists and maps come back as they went in, other objects as maps.
 */
public final class KeycardFlashMapManager implements FlashMapManager {

	/** Session key under which pending flash maps are kept. */
	public static final String SESSION_KEY = "keycard.flash";

	/**
	 * Most flash maps kept waiting: a client that never follows its redirects must not grow
	 * the session until it no longer fits in a cookie. The oldest go first.
	 */
	public static final int MAX_PENDING_FLASH_MAPS = 5;

	private final SessionManager sessionManager;

	private final SessionCookie cookie;

	private final String markerName;

	private final SessionFlashMaps flashMaps = new SessionFlashMaps();

	/**
	 * Create a flash map manager.
	 * @param sessionManager the session manager whose sessions keep the flash maps
	 * @param cookie the session cookie, whose attributes the marker cookie follows
	 */
	public KeycardFlashMapManager(SessionManager sessionManager, SessionCookie cookie) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		Assert.notNull(cookie, "cookie must not be null");
		this.sessionManager = sessionManager;
		this.cookie = cookie;
		this.markerName = cookie.name() + "_flash";
	}

	/**
	 * Set how long a flash waits for its redirect; 180 seconds by default.
	 * @param seconds the timeout in seconds
	 */
	public void setFlashMapTimeout(int seconds) {
		this.flashMaps.setFlashMapTimeout(seconds);
	}

	@Override
	public @Nullable FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
		if (!hasMarker(request)) {
			return null;
		}
		FlashMap flashMap = this.flashMaps.retrieveAndUpdate(request, response);
		if (storedFlashMaps(this.sessionManager.load(request)).isEmpty() && !response.isCommitted()) {
			response.addHeader(HttpHeaders.SET_COOKIE, this.cookie.companion(this.markerName, "", Duration.ZERO));
			PrivateResponse.mark(response);
		}
		return flashMap;
	}

	@Override
	public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
		this.flashMaps.saveOutputFlashMap(flashMap, request, response);
	}

	/** Spring's flash map bookkeeping, over the list kept in the session. */
	private final class SessionFlashMaps extends AbstractFlashMapManager {

		@Override
		protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
			List<FlashMap> flashMaps = new ArrayList<>();
			for (Map<?, ?> stored : storedFlashMaps(KeycardFlashMapManager.this.sessionManager.load(request))) {
				flashMaps.add(toFlashMap(stored));
			}
			return flashMaps;
		}

		@Override
		protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request,
				HttpServletResponse response) {
			Session session = KeycardFlashMapManager.this.sessionManager.load(request);
			if (flashMaps.isEmpty()) {
				session.remove(SESSION_KEY);
				return;
			}
			List<FlashMap> pending = flashMaps.stream().filter((flashMap) -> !flashMap.isExpired()).toList();
			List<FlashMap> kept = pending.subList(Math.max(0, pending.size() - MAX_PENDING_FLASH_MAPS), pending.size());
			session.put(SESSION_KEY, kept.stream().map(KeycardFlashMapManager::toStored).toList());
			response.addHeader(HttpHeaders.SET_COOKIE, KeycardFlashMapManager.this.cookie
				.companion(KeycardFlashMapManager.this.markerName, "1", Duration.ofSeconds(getFlashMapTimeout())));
			PrivateResponse.mark(response);
		}

		/** Each request has a session object of its own: nothing to synchronize on. */
		@Override
		protected @Nullable Object getFlashMapsMutex(HttpServletRequest request) {
			return null;
		}

	}

	private boolean hasMarker(HttpServletRequest request) {
		Cookie[] cookies = RequestCookies.of(request);
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (this.markerName.equals(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	private static List<Map<?, ?>> storedFlashMaps(Session session) {
		Object stored = session.get(SESSION_KEY);
		List<Map<?, ?>> flashMaps = new ArrayList<>();
		if (stored instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> map) {
					flashMaps.add(map);
				}
			}
		}
		return flashMaps;
	}

	private static Map<String, @Nullable Object> toStored(FlashMap flashMap) {
		Map<String, @Nullable Object> stored = new LinkedHashMap<>();
		stored.put("path", flashMap.getTargetRequestPath());
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		flashMap.getTargetRequestParams().forEach(parameters::put);
		stored.put("parameters", parameters);
		stored.put("expires", flashMap.getExpirationTime());
		stored.put("attributes", new LinkedHashMap<>(flashMap));
		return stored;
	}

	private static FlashMap toFlashMap(Map<?, ?> stored) {
		FlashMap flashMap = new FlashMap();
		if (stored.get("path") instanceof String path) {
			flashMap.setTargetRequestPath(path);
		}
		if (stored.get("parameters") instanceof Map<?, ?> parameters) {
			MultiValueMap<String, String> targetParameters = new LinkedMultiValueMap<>();
			parameters.forEach((name, values) -> {
				if (values instanceof List<?> list) {
					list.forEach((value) -> targetParameters.add(String.valueOf(name), String.valueOf(value)));
				}
			});
			flashMap.addTargetRequestParams(targetParameters);
		}
		if (stored.get("expires") instanceof Number expires) {
			flashMap.setExpirationTime(expires.longValue());
		}
		if (stored.get("attributes") instanceof Map<?, ?> attributes) {
			attributes.forEach((name, value) -> flashMap.put(String.valueOf(name), value));
		}
		return flashMap;
	}

}
