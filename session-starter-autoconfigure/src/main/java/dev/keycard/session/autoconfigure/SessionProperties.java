package dev.keycard.session.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of Keycard sessions.
 */
@ConfigurationProperties("app.session")
public class SessionProperties {

	/**
	 * Secret that signs (and, with encrypt, encrypts) sessions; at least 32 bytes. Generate one
	 * with 'openssl rand -base64 32'.
	 */
	private @Nullable String secret;

	/**
	 * Previous secrets, still accepted for reading so that the secret can be rotated.
	 */
	private List<String> previousSecrets = new ArrayList<>();

	/**
	 * Name of the session cookie.
	 */
	private String cookieName = "session";

	/**
	 * Idle lifetime of a session: the cookie's Max-Age and the server-enforced expiry. A bare
	 * number is seconds. A negative value gives a browser-session cookie, which the server still
	 * expires after 14 days without a save.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration maxAge = Duration.ofDays(14);

	/**
	 * Longest life of a session since its creation, whatever the activity. A bare number is
	 * seconds. None by default.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration absoluteTimeout;

	/**
	 * Whether an unchanged session is refreshed once more than half of max-age has passed.
	 */
	private boolean rolling = true;

	/**
	 * Path of the session cookie.
	 */
	private String path = "/";

	/**
	 * Domain of the session cookie. None by default: the cookie goes to the host that set it.
	 */
	private @Nullable String domain;

	/**
	 * Whether the session cookie is sent over HTTPS only. Set it to true in production.
	 */
	private boolean secure = false;

	/**
	 * Whether the session cookie is hidden from JavaScript.
	 */
	private boolean httpOnly = true;

	/**
	 * SameSite attribute of the session cookie. None requires secure.
	 */
	private SameSite sameSite = SameSite.LAX;

	/**
	 * Whether the session cookie is encrypted with AES-256-GCM instead of signed only.
	 */
	private boolean encrypt = false;

	/**
	 * Where sessions are kept. A SessionStore bean wins.
	 */
	private SessionStoreType store = SessionStoreType.COOKIE;

	/**
	 * Store a cookie session moves to when its cookie would outgrow overflow-threshold:
	 * memory, file, redis or jdbc. None by default: a session too large for its cookie fails.
	 */
	private @Nullable SessionStoreType overflowStore;

	/**
	 * Longest session cookie, name and value, that keeps a session whole in its cookie with an
	 * overflow store. A bare number is bytes.
	 */
	private DataSize overflowThreshold = DataSize.ofKilobytes(3);

	/**
	 * Whose sessions request.getSession() gives: keycard (the Keycard session, so no
	 * JSESSIONID) or container.
	 */
	private HttpSessionMode httpSession = HttpSessionMode.KEYCARD;

	private final Memory memory = new Memory();

	private final File file = new File();

	private final Redis redis = new Redis();

	private final Health health = new Health();

	private final Devices devices = new Devices();

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public List<String> getPreviousSecrets() {
		return this.previousSecrets;
	}

	public void setPreviousSecrets(List<String> previousSecrets) {
		this.previousSecrets = previousSecrets;
	}

	public String getCookieName() {
		return this.cookieName;
	}

	public void setCookieName(String cookieName) {
		this.cookieName = cookieName;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	public @Nullable Duration getAbsoluteTimeout() {
		return this.absoluteTimeout;
	}

	public void setAbsoluteTimeout(@Nullable Duration absoluteTimeout) {
		this.absoluteTimeout = absoluteTimeout;
	}

	public boolean isRolling() {
		return this.rolling;
	}

	public void setRolling(boolean rolling) {
		this.rolling = rolling;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public boolean isSecure() {
		return this.secure;
	}

	public void setSecure(boolean secure) {
		this.secure = secure;
	}

	public boolean isHttpOnly() {
		return this.httpOnly;
	}

	public void setHttpOnly(boolean httpOnly) {
		this.httpOnly = httpOnly;
	}

	public SameSite getSameSite() {
		return this.sameSite;
	}

	public void setSameSite(SameSite sameSite) {
		this.sameSite = sameSite;
	}

	public boolean isEncrypt() {
		return this.encrypt;
	}

	public void setEncrypt(boolean encrypt) {
		this.encrypt = encrypt;
	}

	public SessionStoreType getStore() {
		return this.store;
	}

	public void setStore(SessionStoreType store) {
		this.store = store;
	}

	public @Nullable SessionStoreType getOverflowStore() {
		return this.overflowStore;
	}

	public void setOverflowStore(@Nullable SessionStoreType overflowStore) {
		this.overflowStore = overflowStore;
	}

	public DataSize getOverflowThreshold() {
		return this.overflowThreshold;
	}

	public void setOverflowThreshold(DataSize overflowThreshold) {
		this.overflowThreshold = overflowThreshold;
	}

	public HttpSessionMode getHttpSession() {
		return this.httpSession;
	}

	public void setHttpSession(HttpSessionMode httpSession) {
		this.httpSession = httpSession;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public File getFile() {
		return this.file;
	}

	public Health getHealth() {
		return this.health;
	}

	public Devices getDevices() {
		return this.devices;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Memory store properties.
	 */
	public static class Memory {

		/**
		 * Most sessions the memory store keeps; past it, those least likely to be used again go first.
		 */
		private long maxSessions = 100_000;

		public long getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(long maxSessions) {
			this.maxSessions = maxSessions;
		}

	}

	/**
	 * File store properties.
	 */
	public static class File {

		/**
		 * Directory of the file store, one JSON file per session.
		 */
		private String directory = ".sessions";

		/**
		 * How often expired session files are deleted. A bare number is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration cleanupInterval = Duration.ofMinutes(5);

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

	}

	/**
	 * Redis store properties.
	 */
	public static class Redis {

		/**
		 * Prefix of the Redis keys of the Redis store.
		 */
		private String keyPrefix = "keycard:session:";

		private final NearCache nearCache = new NearCache();

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public NearCache getNearCache() {
			return this.nearCache;
		}

		/**
		 * Near cache of the Redis store: sessions kept in each instance's memory, invalidated by
		 * Redis (client-side caching). Needs Lettuce, Redis 6 or later with RESP3, and a
		 * standalone or Sentinel Redis.
		 */
		public static class NearCache {

			/**
			 * Whether the Redis store keeps the sessions it reads in this instance's memory, kept
			 * fresh by Redis's invalidation messages.
			 */
			private boolean enabled;

			/**
			 * Maximum number of sessions the near cache holds; past it, the least likely to be read
			 * again are dropped.
			 */
			private int maxSessions = 10_000;

			/**
			 * How long after it was read from Redis a cached session is dropped even if no
			 * invalidation came: the bound on staleness should an invalidation ever be missed. A
			 * bare number is seconds.
			 */
			@DurationUnit(ChronoUnit.SECONDS)
			private Duration timeToLive = Duration.ofSeconds(60);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getMaxSessions() {
				return this.maxSessions;
			}

			public void setMaxSessions(int maxSessions) {
				this.maxSessions = maxSessions;
			}

			public Duration getTimeToLive() {
				return this.timeToLive;
			}

			public void setTimeToLive(Duration timeToLive) {
				this.timeToLive = timeToLive;
			}

		}

	}

	/**
	 * Health contributor properties.
	 */
	public static class Health {

		/**
		 * How long the session store has to answer the health check before it is reported down.
		 * A bare number is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(2);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * What a signed-in session records of its device.
	 */
	public static class Devices {

		/**
		 * Whether a session records the client's IP address at sign-in, for the device list.
		 * An IP address is personal data: off unless the application needs it.
		 */
		private boolean ipAddress;

		public boolean isIpAddress() {
			return this.ipAddress;
		}

		public void setIpAddress(boolean ipAddress) {
			this.ipAddress = ipAddress;
		}

	}

}
