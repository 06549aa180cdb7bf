package dev.keycard.session.store.redis;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * Tells a Redis outage from a programming error: an outage becomes a
 * {@link SessionStoreUnavailableException} that names the server, anything else is rethrown as
 * it is.
 */
final class RedisFailureTranslator {

	/**
	 * Client exceptions that mean the connection was lost or never made. Spring translates most
	 * of them to its own types, but some reach us wrapped in a {@link RedisSystemException}.
	 * Matched by name, so that no client library has to be on the class path.
	 */
	private static final Set<String> CONNECTION_FAILURES = Set.of("io.lettuce.core.RedisConnectionException",
			"io.lettuce.core.RedisCommandTimeoutException", "io.netty.channel.ChannelException");

	private static final String LETTUCE_EXCEPTION = "io.lettuce.core.RedisException";

	private static final String LETTUCE_ERROR_REPLY = "io.lettuce.core.RedisCommandExecutionException";

	/**
	 * Error replies of a server that is there but cannot serve for a while: loading its data
	 * after a restart, a replica during failover, a cluster slot moving, a script running too
	 * long. They pass, so they are outages too, not errors of the application.
	 */
	private static final List<String> UNAVAILABLE_REPLIES = List.of("LOADING ", "READONLY ", "MASTERDOWN ",
			"CLUSTERDOWN ", "TRYAGAIN ", "BUSY ", "NOREPLICAS ");

	/**
	 * How Lettuce's base exception begins when a command is cut off by a lost connection, or
	 * rejected or queued out while there is none ("Connection closed", "Currently not
	 * connected. Commands are rejected."). Errors Redis answers with use subclasses instead.
	 */
	private static final List<String> LETTUCE_CONNECTION_MESSAGES = List.of("Connection ", "Currently not connected",
			"Request queue size exceeded");

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
			RedisFailureTranslator.class.getClassLoader());

	private final String location;

	RedisFailureTranslator(RedisConnectionFactory connectionFactory) {
		String address = LETTUCE_PRESENT ? LettuceAddress.of(connectionFactory) : null;
		this.location = (address != null) ? " at " + address : "";
	}

	/**
	 * Return what to throw for a failure of a Redis call.
	 * @param ex the failure
	 * @return a {@link SessionStoreUnavailableException} if Redis could not be reached, else
	 * {@code ex} itself
	 */
	RuntimeException translate(DataAccessException ex) {
		if (!isOutage(ex)) {
			return ex;
		}
		return new SessionStoreUnavailableException("Redis session store" + this.location + " could not be reached: "
				+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage()
				+ ". Check that Redis is running and that spring.data.redis.* points to it.", ex);
	}

	private static boolean isOutage(DataAccessException ex) {
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException) {
			return true;
		}
		return (ex instanceof RedisSystemException && isConnectionFailure(ex.getCause()))
				|| isUnavailableReply(ex.getCause());
	}

	private static boolean isUnavailableReply(@Nullable Throwable ex) {
		return anyCause(ex, (cause) -> cause.getMessage() != null
				&& isNamed(cause, LETTUCE_ERROR_REPLY::equals)
				&& UNAVAILABLE_REPLIES.stream().anyMatch(cause.getMessage()::startsWith));
	}

	private static boolean isConnectionFailure(@Nullable Throwable ex) {
		return anyCause(ex, (cause) -> cause instanceof IOException || cause instanceof TimeoutException
				|| isNamed(cause, CONNECTION_FAILURES::contains) || isLettuceConnectionFailure(cause));
	}

	private static boolean isLettuceConnectionFailure(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getName().equals(LETTUCE_EXCEPTION) && message != null
				&& LETTUCE_CONNECTION_MESSAGES.stream().anyMatch(message::startsWith);
	}

	/** Whether the exception's class, or one of its superclasses, has a matching name. */
	private static boolean isNamed(Throwable ex, Predicate<String> typeName) {
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			if (typeName.test(type.getName())) {
				return true;
			}
		}
		return false;
	}

	/** Whether the exception or one of its causes matches. */
	static boolean anyCause(@Nullable Throwable ex, Predicate<Throwable> matches) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (matches.test(cause)) {
				return true;
			}
		}
		return false;
	}

	/** Loaded only when Lettuce is present, as {@link LettuceConnectionFactory} needs it. */
	private static final class LettuceAddress {

		static @Nullable String of(RedisConnectionFactory connectionFactory) {
			if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
				return null;
			}
			if (lettuce.isClusterAware()) {
				return "cluster " + nodes(lettuce.getClusterConfiguration().getClusterNodes());
			}
			if (lettuce.isRedisSentinelAware()) {
				return "master " + lettuce.getSentinelConfiguration().getMaster().getName() + " via sentinels "
						+ nodes(lettuce.getSentinelConfiguration().getSentinels());
			}
			if (lettuce.getSocketConfiguration() != null) {
				return lettuce.getSocketConfiguration().getSocket();
			}
			return lettuce.getHostName() + ":" + lettuce.getPort();
		}

		private static String nodes(Set<RedisNode> nodes) {
			return nodes.stream().map(RedisNode::asString).collect(Collectors.joining(","));
		}

	}

}
