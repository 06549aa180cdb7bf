package dev.keycard.session.store.redis;

import java.io.IOException;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.keycard.session.store.SessionStoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RedisFailureTranslator}: which failures are outages, and how they are
 * reported. The outages themselves are provoked for real in {@link RedisOutageTests}.
 */
class RedisFailureTranslatorTests {

	private final RedisFailureTranslator translator = new RedisFailureTranslator(
			new LettuceConnectionFactory(new RedisStandaloneConfiguration("redis.example.com", 6380)));

	@Test
	void connectionFailuresAndTimeoutsAreOutages() {
		assertThat(this.translator.translate(new RedisConnectionFailureException("Unable to connect to Redis")))
			.isInstanceOf(SessionStoreUnavailableException.class);
		assertThat(this.translator.translate(new QueryTimeoutException("Redis command timed out")))
			.isInstanceOf(SessionStoreUnavailableException.class);
		assertThat(this.translator.translate(
				new RedisSystemException("Unknown redis exception", new IOException("Connection reset by peer"))))
			.isInstanceOf(SessionStoreUnavailableException.class);
		assertThat(this.translator
			.translate(new RedisSystemException("Redis exception", new RedisException("Connection closed"))))
			.isInstanceOf(SessionStoreUnavailableException.class);
	}

	@Test
	void repliesOfAServerThatCannotServeForAWhileAreOutages() {
		for (String reply : List.of("LOADING Redis is loading the dataset in memory",
				"READONLY You can't write against a read only replica.", "MASTERDOWN Link with MASTER is down",
				"CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing of slot",
				"BUSY Redis is busy running a script.", "NOREPLICAS Not enough good replicas to write.")) {
			RedisSystemException failure = new RedisSystemException("Error in execution",
					new RedisCommandExecutionException(reply));
			assertThat(this.translator.translate(failure)).as(reply)
				.isInstanceOf(SessionStoreUnavailableException.class)
				.hasMessageContaining(reply);
		}
	}

	@Test
	void errorsRedisAnswersWithAndMisuseAreRethrownAsTheyAre() {
		RedisSystemException scriptError = new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("ERR user_script:1: Script attempted to access nonexistent global"));
		assertThat(this.translator.translate(scriptError)).isSameAs(scriptError);
		RedisSystemException wrongType = new RedisSystemException("Error in execution", new RedisCommandExecutionException(
				"WRONGTYPE Operation against a key holding the wrong kind of value"));
		assertThat(this.translator.translate(wrongType)).isSameAs(wrongType);
		RedisSystemException otherClientError = new RedisSystemException("Redis exception",
				new RedisException("Attempting to write duplicate command that is already enqueued"));
		assertThat(this.translator.translate(otherClientError)).isSameAs(otherClientError);
		InvalidDataAccessApiUsageException misuse = new InvalidDataAccessApiUsageException("No ops for type");
		assertThat(this.translator.translate(misuse)).isSameAs(misuse);
	}

	@Test
	void outageNamesTheServerTheCauseAndWhatToCheck() {
		RedisConnectionFailureException failure = new RedisConnectionFailureException("Unable to connect to Redis",
				new IOException("Connection refused"));
		assertThat(this.translator.translate(failure)).hasMessage(
				"Redis session store at redis.example.com:6380 could not be reached: Connection refused. "
						+ "Check that Redis is running and that spring.data.redis.* points to it.")
			.hasCause(failure);
	}

	@Test
	void outageNamesTheClusterNodesOrTheSentinelMaster() {
		RedisFailureTranslator cluster = new RedisFailureTranslator(
				new LettuceConnectionFactory(new RedisClusterConfiguration(List.of("node1:7000", "node2:7001"))));
		assertThat(cluster.translate(new QueryTimeoutException("Redis command timed out")).getMessage())
			.startsWith("Redis session store at cluster ")
			.contains("node1:7000", "node2:7001");
		RedisFailureTranslator sentinel = new RedisFailureTranslator(new LettuceConnectionFactory(
				new RedisSentinelConfiguration().master("sessions").sentinel("sentinel1", 26379)));
		assertThat(sentinel.translate(new QueryTimeoutException("Redis command timed out")).getMessage())
			.startsWith("Redis session store at master sessions via sentinels sentinel1:26379 could not be reached");
	}

	@Test
	void outageOfAnotherConnectionFactoryLeavesTheAddressOut() {
		RedisFailureTranslator other = new RedisFailureTranslator(mock(RedisConnectionFactory.class));
		assertThat(other.translate(new QueryTimeoutException("Redis command timed out")).getMessage())
			.startsWith("Redis session store could not be reached: Redis command timed out.");
	}

}
