package dev.keycard.session.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keycard.session.SessionActivity;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;
import dev.keycard.session.store.file.FileSessionStore;

/**
 * The file store: one JSON file per session, shared by the processes of one machine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionStore(SessionStoreType.FILE)
@ConditionalOnMissingBean(SessionStore.class)
class FileSessionStoreConfiguration {

	@Bean
	FileSessionStore fileSessionStore(SessionProperties properties, ObjectProvider<Clock> clock) {
		String directory = properties.getFile().getDirectory();
		try {
			return new FileSessionStore(Path.of(directory), clock.getIfUnique(Clock::systemUTC));
		}
		catch (InvalidPathException | SessionStoreUnavailableException ex) {
			throw InvalidSessionConfigurationException.property("file.directory",
					"is '" + directory + "', which the file store cannot use: " + ex.getMessage(),
					"Set app.session.file.directory to a directory this process can create and write.");
		}
	}

	@Bean
	ExpiredSessionCleanup fileSessionCleanup(FileSessionStore store, SessionProperties properties,
			ObjectProvider<SessionActivity> activities) {
		return ExpiredSessionCleanup.every("file", store::deleteExpired, properties.getFile().getCleanupInterval(),
				"file.cleanup-interval", activities);
	}

}
