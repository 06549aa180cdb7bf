package dev.keycard.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * Signs in any officer name with the password {@value #PASSWORD}. DEVELOPMENT ONLY: the sample
 * has no user directory; a real application checks a real one.
 */
final class OfficerAuthenticationProvider implements AuthenticationProvider {

	/** The one password of the sample, published here: development only. */
	static final String PASSWORD = "gotham";

	/** Most characters in an officer's name. */
	static final int MAX_NAME_LENGTH = 40;

	private static final List<GrantedAuthority> OFFICER = List.of(new SimpleGrantedAuthority("ROLE_OFFICER"));

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = UserText.singleLine(authentication.getName());
		if (name.isEmpty()) {
			throw new BadCredentialsException("Enter your name to sign in.");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new BadCredentialsException("A name has at most " + MAX_NAME_LENGTH + " characters.");
		}
		Object password = authentication.getCredentials();
		if (!(password instanceof String given) || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				PASSWORD.getBytes(StandardCharsets.UTF_8))) {
			throw new BadCredentialsException("Wrong password: in this sample every officer's is " + PASSWORD + ".");
		}
		return UsernamePasswordAuthenticationToken.authenticated(new User(name, "", OFFICER), null, OFFICER);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
