package dev.keycard.session.store.redis;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NearCacheSessions}: the order of events that decides whether an answer from
 * Redis is cached, replayed one step at a time.
 */
class NearCacheSessionsTests {

	private static final String KEY = "keycard:session:k";

	private static final Map<String, String> OLD = Map.of("=colour", "\"red\"");

	private static final Map<String, String> NEW = Map.of("=colour", "\"blue\"");

	private final NearCacheSessions sessions = new NearCacheSessions(100, Duration.ofMinutes(1));

	@Test
	void readAnsweredWithNothingBetweenIsCached() {
		NearCacheSessions.Pending read = read();
		this.sessions.endRead(KEY, read, OLD);
		assertThat(this.sessions.get(KEY)).isEqualTo(OLD);
	}

	@Test
	void readWhoseKeyWasInvalidatedBeforeItsAnswerWasInstalledIsNotCached() {
		NearCacheSessions.Pending read = read();
		// The answer was on its way, or already in, when the invalidation was processed, perhaps on
		// another thread: either way it may be older than the change.
		this.sessions.invalidate(KEY);
		this.sessions.endRead(KEY, read, OLD);
		assertThat(this.sessions.get(KEY)).isNull();
	}

	@Test
	void readSentBeforeAnOwnWriteDoesNotReplaceTheWriteEvenIfInstalledAfterIt() {
		NearCacheSessions.Pending read = read();
		NearCacheSessions.Pending write = this.sessions.beginWrite(KEY);
		this.sessions.endWrite(KEY, write, NEW);
		this.sessions.endRead(KEY, read, OLD);
		assertThat(this.sessions.get(KEY)).isEqualTo(NEW);
	}

	@Test
	void readSentDuringAnOwnWriteIsNotCachedAndNeitherIsTheWrite() {
		NearCacheSessions.Pending write = this.sessions.beginWrite(KEY);
		NearCacheSessions.Pending read = read();
		this.sessions.endRead(KEY, read, OLD);
		assertThat(this.sessions.get(KEY)).isEqualTo(OLD);
		// NOLOOP: no invalidation will come for the write, so its end must drop what the read left.
		this.sessions.endWrite(KEY, write, NEW);
		assertThat(this.sessions.get(KEY)).isNull();
	}

	@Test
	void ownWriteWithNothingBetweenLeavesWhatWasReadBackCached() {
		this.sessions.endRead(KEY, read(), OLD);
		NearCacheSessions.Pending write = this.sessions.beginWrite(KEY);
		assertThat(this.sessions.get(KEY)).isNull();
		this.sessions.endWrite(KEY, write, NEW);
		assertThat(this.sessions.get(KEY)).isEqualTo(NEW);
	}

	@Test
	void failedWriteLeavesNothingCached() {
		this.sessions.endRead(KEY, read(), OLD);
		NearCacheSessions.Pending write = this.sessions.beginWrite(KEY);
		this.sessions.endWrite(KEY, write, null);
		assertThat(this.sessions.get(KEY)).isNull();
	}

	@Test
	void answerOfAnOlderGenerationIsNotCached() {
		NearCacheSessions.Pending read = this.sessions.newPending();
		// Lost connection after the token was taken, before the read was sent.
		this.sessions.invalidateAll();
		this.sessions.beginRead(KEY, read);
		this.sessions.endRead(KEY, read, OLD);
		assertThat(this.sessions.get(KEY)).isNull();
	}

	@Test
	void invalidateAllEmptiesTheCache() {
		this.sessions.endRead(KEY, read(), OLD);
		this.sessions.invalidateAll();
		assertThat(this.sessions.get(KEY)).isNull();
		assertThat(this.sessions.size()).isZero();
	}

	private NearCacheSessions.Pending read() {
		NearCacheSessions.Pending read = this.sessions.newPending();
		this.sessions.beginRead(KEY, read);
		return read;
	}

}
