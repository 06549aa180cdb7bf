package dev.keycard.sample;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.Session;

/**
 * The dashboard's colour scheme, kept in the session under {@value #SESSION_KEY} and applied
 * to every page as a class on {@code <body>}.
 */
enum Theme {

	LIGHT, DARK;

	/** Session key of the theme's {@link #id()}. */
	static final String SESSION_KEY = "theme";

	/**
	 * Return the theme of a session: light unless the user picked dark.
	 * @param session the session
	 * @return the theme
	 */
	static Theme of(Session session) {
		Theme theme = named(session.get(SESSION_KEY) instanceof String id ? id : null);
		return (theme != null) ? theme : LIGHT;
	}

	/**
	 * Return the theme of an id, as sent by the theme picker.
	 * @param id {@code light} or {@code dark}
	 * @return the theme, or {@code null} for any other value
	 */
	static @Nullable Theme named(@Nullable String id) {
		for (Theme theme : values()) {
			if (theme.id().equals(id)) {
				return theme;
			}
		}
		return null;
	}

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	String cssClass() {
		return "theme-" + id();
	}

}
