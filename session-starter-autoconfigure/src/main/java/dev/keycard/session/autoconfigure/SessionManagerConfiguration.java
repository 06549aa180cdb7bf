package dev.keycard.session.autoconfigure;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.SessionManager;
import dev.keycard.session.codec.EncryptedSessionCodec;
import dev.keycard.session.codec.KeyRing;
import dev.keycard.session.codec.SessionCodec;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.codec.SessionSerializer;
import dev.keycard.session.codec.SignedSessionCodec;
import dev.keycard.session.micrometer.ObservedSessionStore;
import dev.keycard.session.revocation.RevocationList;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.web.DefaultSessionManager;
import dev.keycard.session.web.SessionCookie;
import dev.keycard.session.web.SessionLifetime;

/**
 * Keycard's {@link SessionManager}: on the store, when there is a {@link SessionStore} bean
 * (one of Keycard's, chosen by {@code app.session.store}, or the application's), in the cookie
 * otherwise. Conditions alone make the choice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(SessionManager.class)
class SessionManagerConfiguration {

	private static final Log logger = LogFactory.getLog(SessionManagerConfiguration.class);

	/**
	 * The codec of cookie sessions: signed, or encrypted on request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSessionStore(SessionStoreType.COOKIE)
	static class SessionCodecConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionCodec.class)
		@ConditionalOnBooleanProperty(name = "app.session.encrypt", havingValue = false, matchIfMissing = true)
		SignedSessionCodec signedSessionCodec(KeyRing keyRing) {
			return new SignedSessionCodec(keyRing);
		}

		@Bean
		@ConditionalOnMissingBean(SessionCodec.class)
		@ConditionalOnBooleanProperty(name = "app.session.encrypt")
		EncryptedSessionCodec encryptedSessionCodec(KeyRing keyRing) {
			return new EncryptedSessionCodec(keyRing);
		}

	}

	/**
	 * The cookie store: the whole session in the cookie, signed, or encrypted on request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SessionStore.class)
	static class CookieSessionManagerConfiguration {

		@Bean
		DefaultSessionManager sessionManager(SessionProperties properties, ObjectProvider<SessionCodec> codecs,
				SessionSerializer serializer, SessionCookie cookie, SessionLifetime lifetime,
				ObjectProvider<Clock> clock, ObjectProvider<SessionActivity> activities,
				SessionRevocationProperties revocation, ObjectProvider<RevocationList> revocations) {
			SessionStoreType store = properties.getStore();
			if (store != SessionStoreType.COOKIE) {
				throw storeNotCreated(store, "store");
			}
			SessionStoreType overflow = properties.getOverflowStore();
			if (overflow == SessionStoreType.COOKIE) {
				throw InvalidSessionConfigurationException.property("overflow-store",
						"is 'cookie', but a session too large for its cookie cannot overflow to a cookie",
						"Set app.session.overflow-store to memory, file, redis or jdbc, or remove it.");
			}
			if (overflow != null) {
				throw storeNotCreated(overflow, "overflow-store");
			}
			SessionCodec codec = codecs.getObject();
			DefaultSessionManager manager = DefaultSessionManager
				.inCookies(codec, serializer, cookie, lifetime, clock.getIfUnique(Clock::systemUTC))
				.withActivity(SessionActivities.of(activities));
			RevocationList revocationList = revocations.getIfUnique();
			if (revocationList == null && revocation.getStore() != RevocationStoreType.NONE) {
				throw InvalidSessionConfigurationException.property("revocation.store",
						"is '" + revocation.getStore().name().toLowerCase(Locale.ROOT)
								+ "', but no revocation store could be created",
						"Give the application what that store needs (Spring Data Redis, or Spring JDBC and a DataSource), "
								+ "or set app.session.revocation.store to none.");
			}
			if (revocationList == null) {
				logStartup("the cookie itself (" + codec.getMode() + ")", cookie, lifetime);
				return manager;
			}
			logStartup("the cookie itself (" + codec.getMode() + "), revoked through the "
					+ revocationList.getStoreName() + " revocation store within " + revocation.getMaxStaleness(), cookie,
					lifetime);
			return manager.withRevocations(revocationList, revocation.isRecordSessions());
		}

		private static InvalidSessionConfigurationException storeNotCreated(SessionStoreType store, String property) {
			String name = store.name().toLowerCase(Locale.ROOT);
			String[] needs = switch (store) {
				case REDIS -> new String[] { "Spring Data Redis and a single RedisConnectionFactory bean",
						"Add org.springframework.boot:spring-boot-starter-data-redis, which creates the connection from "
								+ "spring.data.redis.*" };
				case JDBC -> new String[] { "Spring JDBC and a single DataSource bean",
						"Add org.springframework.boot:spring-boot-starter-jdbc and the JDBC driver of the database, which "
								+ "create the DataSource from spring.datasource.*" };
				case MEMORY -> new String[] { "Caffeine", "Add com.github.ben-manes.caffeine:caffeine" };
				default -> new String[] { "what it depends on", "Give the application what the store needs" };
			};
			return InvalidSessionConfigurationException.property(property,
					"is '" + name + "', but no " + name + " session store could be created: it needs " + needs[0],
					needs[1] + ", or set app.session." + property + " to another store.");
		}

	}

	/**
	 * A server-side store: the cookie carries a signed id.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SessionStore.class)
	static class StoreSessionManagerConfiguration {

		@Bean
		DefaultSessionManager sessionManager(ObjectProvider<SessionStore> stores, ListableBeanFactory beans,
				SessionIdCodec idCodec, SessionSerializer serializer, SessionCookie cookie, SessionLifetime lifetime,
				ObjectProvider<Clock> clock, ObjectProvider<SessionActivity> activities,
				ObjectProvider<ObservationRegistry> observations, SessionRevocationProperties revocation,
				SessionProperties properties, ObjectProvider<SessionCodec> codecs) {
			SessionStore store = stores.getIfUnique();
			if (store == null) {
				throw severalStores(beans);
			}
			boolean overflow = properties.getStore() == SessionStoreType.COOKIE && properties.getOverflowStore() != null;
			if (revocation.getStore() != RevocationStoreType.NONE) {
				throw InvalidSessionConfigurationException.property("revocation.store", overflow
						? "is set, but cookie sessions overflow to the " + store.getName()
								+ " store, and a revocation store does not yet revoke sessions that moved there"
						: "is set, but sessions are kept in the " + store.getName()
								+ " store, where revoking a session deletes it: a revocation store is for cookie sessions",
						overflow ? "Remove app.session.revocation.store or app.session.overflow-store."
								: "Remove app.session.revocation.store, or keep sessions in cookies (app.session.store: cookie).");
			}
			ObservationRegistry registry = observations.getIfUnique();
			// The memory store's calls take well under a microsecond, several times less than an
			// observation (a timer looked up by its tags, started and stopped): only stores that
			// leave the process are observed.
			SessionStore observed = (registry != null && !(store instanceof MemorySessionStore))
					? new ObservedSessionStore(store, store.getName(), registry) : store;
			if (overflow) {
				SessionCodec codec = codecs.getIfUnique();
				if (codec == null) {
					throw new IllegalStateException("No single SessionCodec for the cookie sessions that overflow");
				}
				int threshold = SessionPropertyChecks.overflowThreshold(properties);
				logStartup("the cookie itself (" + codec.getMode() + ") while it is at most " + threshold
						+ " bytes, then in the " + store.getName() + " store (" + store.getClass().getSimpleName()
						+ ") behind a signed id", cookie, lifetime);
				return DefaultSessionManager
					.inCookies(codec, serializer, cookie, lifetime, clock.getIfUnique(Clock::systemUTC))
					.withOverflow(observed, idCodec, threshold)
					.withActivity(SessionActivities.of(activities));
			}
			if (properties.getOverflowStore() != null) {
				throw InvalidSessionConfigurationException.property("overflow-store",
						"is set, but sessions are kept in the " + store.getName()
								+ " store already: only cookie sessions overflow to a store",
						"Remove app.session.overflow-store, or keep sessions in cookies (app.session.store: cookie).");
			}
			logStartup("the " + store.getName() + " store (" + store.getClass().getSimpleName()
					+ "), behind a signed id in the cookie", cookie, lifetime);
			return DefaultSessionManager.inStore(observed, idCodec, serializer, cookie, lifetime,
					clock.getIfUnique(Clock::systemUTC))
				.withActivity(SessionActivities.of(activities));
		}

		private static InvalidSessionConfigurationException severalStores(ListableBeanFactory beans) {
			String[] names = beans.getBeanNamesForType(SessionStore.class);
			String described = Arrays.stream(names)
				.map((name) -> "'" + name + "' (" + beans.getType(name) + ")")
				.collect(Collectors.joining(", "));
			return new InvalidSessionConfigurationException("There are " + names.length
					+ " SessionStore beans and none is @Primary, so Keycard cannot tell which one keeps the sessions: "
					+ described, "Mark the one Keycard should use @Primary, or remove the others. A SessionStore bean of "
							+ "the application's always wins over app.session.store.");
		}

	}

	/** One line that says where sessions are kept, so that nobody has to guess. */
	private static void logStartup(String where, SessionCookie cookie, SessionLifetime lifetime) {
		logger.info("Keycard sessions are kept in " + where + "; cookie " + cookie + ", " + lifetime);
	}

}
