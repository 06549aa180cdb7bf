package dev.keycard.session.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Spring Security on Keycard sessions.
 */
@ConfigurationProperties("app.session.security")
public class SessionSecurityProperties {

	/**
	 * Whether sign-out also sends Clear-Site-Data: "cookies" (on HTTPS requests only), so that
	 * the browser drops every cookie of the site.
	 */
	private boolean clearSiteData = false;

	public boolean isClearSiteData() {
		return this.clearSiteData;
	}

	public void setClearSiteData(boolean clearSiteData) {
		this.clearSiteData = clearSiteData;
	}

}
