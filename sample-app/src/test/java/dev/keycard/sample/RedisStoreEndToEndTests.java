package dev.keycard.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on the Redis store, against the real Redis at 127.0.0.1:6379.
 */
class RedisStoreEndToEndTests extends AbstractStoreEndToEndTests {

	static final String PREFIX = "keycard-e2e:" + UUID.randomUUID() + ":";

	private static StringRedisTemplate cleanup;

	@Autowired
	private StringRedisTemplate redis;

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		registry.add("app.session.store", () -> "redis");
		registry.add("app.session.redis.key-prefix", () -> PREFIX);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> "6379");
	}

	@Test
	void oneKeyPerSessionUnderThePrefixWithATimeToLiveAndWithoutTheCookiesId() {
		cleanup = this.redis;
		Browser browser = Browser.open(this.port);
		browser.get("/visits");
		String cookie = browser.cookie("session");
		List<String> before = keys();
		Browser.open(this.port).get("/visits");
		List<String> keys = keys();
		assertThat(keys).hasSize(before.size() + 1);
		for (String key : keys) {
			// A signed-in officer's sessions are also filed under the principal index's key.
			String index = PREFIX + "principal:";
			String name = key.startsWith(index) ? key.substring(index.length()) : key.substring(PREFIX.length());
			assertThat(key).startsWith(PREFIX);
			assertThat(name).hasSize(43);
			assertThat(cookie).doesNotContain(name.substring(0, 20));
			assertThat(this.redis.getExpire(key)).isPositive();
		}
	}

	private List<String> keys() {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	@AfterAll
	static void deleteKeys() {
		if (cleanup != null) {
			try (Cursor<String> cursor = cleanup.scan(ScanOptions.scanOptions().match(PREFIX + "*").build())) {
				cursor.forEachRemaining(cleanup::delete);
			}
		}
	}

}
