package dev.keycard.session.security;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.keycard.session.web.HttpSessionAttributeConverter;

/**
 * Keeps the last authentication failure, which a failure handler stores for the sign-in page
 * to show ({@code SPRING_SECURITY_LAST_EXCEPTION}): its message and, for Spring Security's own
 * kinds of failure, its kind; any other kind reads back as an {@link AuthenticationServiceException}
 * with the same message.
 */
public final class AuthenticationFailureConverter implements HttpSessionAttributeConverter {

	private static final Map<String, Function<String, AuthenticationException>> KINDS = Map.of(
			"bad-credentials", BadCredentialsException::new, "username-not-found", UsernameNotFoundException::new,
			"disabled", DisabledException::new, "locked", LockedException::new, "account-expired",
			AccountExpiredException::new, "credentials-expired", CredentialsExpiredException::new,
			"insufficient-authentication", InsufficientAuthenticationException::new);

	@Override
	public String name() {
		return "spring-security-authentication-failure";
	}

	@Override
	public boolean canWrite(Object value) {
		return value instanceof AuthenticationException;
	}

	@Override
	public Object write(Object value) {
		AuthenticationException failure = (AuthenticationException) value;
		String message = (failure.getMessage() != null) ? failure.getMessage() : "";
		return Map.of("kind", kindOf(failure), "message", message);
	}

	@Override
	public @Nullable Object read(Object json) {
		Map<String, @Nullable Object> document = Documents.map(json, "authentication failure");
		String message = Documents.string(document.get("message"), "message");
		return KINDS.getOrDefault(document.get("kind"), AuthenticationServiceException::new).apply(message);
	}

	private static String kindOf(AuthenticationException failure) {
		Class<?> type = failure.getClass();
		return (type == BadCredentialsException.class) ? "bad-credentials"
				: (type == UsernameNotFoundException.class) ? "username-not-found"
				: (type == DisabledException.class) ? "disabled"
				: (type == LockedException.class) ? "locked"
				: (type == AccountExpiredException.class) ? "account-expired"
				: (type == CredentialsExpiredException.class) ? "credentials-expired"
				: (type == InsufficientAuthenticationException.class) ? "insufficient-authentication" : "other";
	}

}
