package dev.keycard.benchmarks.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.keycard.session.codec.JsonSessionSerializer;
import dev.keycard.session.codec.SessionIdCodec;
import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.file.FileSessionStore;
import dev.keycard.session.store.jdbc.JdbcSessionSchemaInitializer;
import dev.keycard.session.store.jdbc.JdbcSessionStore;
import dev.keycard.session.store.memory.MemorySessionStore;
import dev.keycard.session.store.redis.RedisSessionStore;

/**
 * Each server-side store's load, and save of one changed attribute, against the real Redis
 * and PostgreSQL on loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBenchmark {

	@Param({ "memory", "file", "redis", "jdbc" })
	String store;

	private SessionStore sessions;

	private String key;

	private int counter;

	private LettuceConnectionFactory redis;

	private HikariDataSource dataSource;

	private String table;

	private Path directory;

	@Setup
	public void setUp() throws Exception {
		Clock clock = Clock.systemUTC();
		this.sessions = switch (this.store) {
			case "memory" -> new MemorySessionStore(100_000, clock);
			case "file" -> {
				this.directory = Files.createTempDirectory("keycard-benchmark-");
				yield new FileSessionStore(this.directory, clock);
			}
			case "redis" -> {
				this.redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
				this.redis.afterPropertiesSet();
				this.redis.start();
				yield new RedisSessionStore(this.redis, "keycard:jmh:", clock);
			}
			case "jdbc" -> {
				this.dataSource = new HikariDataSource();
				this.dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
				this.dataSource.setUsername("postgres");
				this.table = "keycard_jmh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
				JdbcSessionSchemaInitializer.createTable(this.dataSource, this.table);
				yield new JdbcSessionStore(this.dataSource, this.table, clock);
			}
			default -> throw new IllegalArgumentException(this.store);
		};
		this.key = SessionIdCodec.storeKey(UUID.randomUUID().toString().getBytes());
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		Map<String, String> attributes = new java.util.LinkedHashMap<>();
		CodecBenchmark.valuesOfSize(256).forEach((name, value) -> attributes.put(name, serializer.serializeValue(value)));
		Instant now = Instant.now();
		this.sessions.save(this.key, new SessionChanges(true, attributes, Set.of(), now, now.plus(Duration.ofHours(1))));
	}

	@Benchmark
	public SessionRecord load() {
		return this.sessions.load(this.key);
	}

	@Benchmark
	public boolean saveOneAttribute() {
		Instant now = Instant.now();
		return this.sessions.save(this.key, new SessionChanges(false, Map.of("count", String.valueOf(++this.counter)),
				Set.of(), now, now.plus(Duration.ofHours(1))));
	}

	@TearDown
	public void tearDown() throws Exception {
		this.sessions.delete(this.key);
		if (this.redis != null) {
			this.redis.destroy();
		}
		if (this.dataSource != null) {
			new JdbcTemplate(this.dataSource).execute("drop table if exists " + this.table);
			this.dataSource.close();
		}
		if (this.directory != null) {
			try (var files = Files.walk(this.directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

}
