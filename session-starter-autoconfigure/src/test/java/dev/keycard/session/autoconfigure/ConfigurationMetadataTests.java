package dev.keycard.session.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the metadata IDEs read from the configuration processor documents the property
 * table of the design, and that the failure analyzer is registered.
 */
class ConfigurationMetadataTests {

	/** The property table of DESIGN.md and README.md: name and default, {@code null} where there is none. */
	private static final Map<String, Object> PROPERTY_TABLE = propertyTable();

	@Test
	void everyPropertyOfTheTableHasADescriptionAndItsDefault() throws IOException {
		Map<String, JsonNode> properties = properties();
		properties.keySet().removeIf((name) -> !name.startsWith("app.session."));
		assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(PROPERTY_TABLE.keySet());
		PROPERTY_TABLE.forEach((name, expectedDefault) -> {
			JsonNode property = properties.get(name);
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			JsonNode defaultValue = property.get("defaultValue");
			if (expectedDefault == null) {
				assertThat(defaultValue).as("default of %s", name).isNull();
			}
			else {
				assertThat(defaultValue).as("default of %s", name).isNotNull();
				Object actual = defaultValue.isBoolean() ? (Object) defaultValue.asBoolean()
						: defaultValue.isArray() ? defaultValue.valueStream().map(JsonNode::asString).toList()
						: defaultValue.asString();
				assertThat(actual).as("default of %s", name).isEqualTo(expectedDefault);
			}
		});
	}

	@Test
	void enumLikePropertiesHaveValueHints() throws IOException {
		JsonNode metadata = metadata();
		Map<String, List<String>> hints = new LinkedHashMap<>();
		metadata.get("hints")
			.forEach((hint) -> hints.put(hint.get("name").asString(),
					hint.get("values").valueStream().map((value) -> value.get("value").asString()).toList()));
		assertThat(hints).containsEntry("app.session.store", List.of("cookie", "memory", "file", "redis", "jdbc"));
	}

	@Test
	void propertiesOutOfASetAreEnumsAndTimesAreDurations() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("app.session.store").get("type").asString())
			.isEqualTo(SessionStoreType.class.getName());
		assertThat(properties.get("app.session.same-site").get("type").asString())
			.isEqualTo("org.springframework.boot.web.server.Cookie$SameSite");
		assertThat(properties.get("app.session.jdbc.initialize-schema").get("type").asString())
			.isEqualTo("org.springframework.boot.sql.init.DatabaseInitializationMode");
		assertThat(properties.get("app.session.max-age").get("type").asString()).isEqualTo("java.time.Duration");
		assertThat(properties.get("app.session.absolute-timeout").get("type").asString())
			.isEqualTo("java.time.Duration");
	}

	@Test
	void failureAnalyzerIsRegistered() {
		// Boot's own analyzers need constructor arguments; only whether ours loads matters here.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}));
		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidSessionConfigurationFailureAnalyzer.class);
	}

	@Test
	void theKeycardEndpointHasTheActuatorsEndpointProperties() throws IOException {
		assertThat(properties()).containsKeys("management.endpoint.keycard.access",
				"management.endpoint.keycard.cache.time-to-live");
	}

	private static Map<String, JsonNode> properties() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		metadata().get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		return properties;
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream input = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.shared().readTree(input);
		}
	}

	private static Map<String, Object> propertyTable() {
		Map<String, Object> table = new LinkedHashMap<>();
		table.put("app.session.secret", null);
		table.put("app.session.previous-secrets", List.of());
		table.put("app.session.cookie-name", "session");
		table.put("app.session.max-age", "14d");
		table.put("app.session.absolute-timeout", null);
		table.put("app.session.rolling", true);
		table.put("app.session.path", "/");
		table.put("app.session.domain", null);
		table.put("app.session.secure", false);
		table.put("app.session.http-only", true);
		table.put("app.session.same-site", "lax");
		table.put("app.session.encrypt", false);
		table.put("app.session.store", "cookie");
		table.put("app.session.overflow-store", null);
		table.put("app.session.overflow-threshold", "3KB");
		table.put("app.session.http-session", "keycard");
		table.put("app.session.security.clear-site-data", false);
		table.put("app.session.health.timeout", "2s");
		table.put("app.session.devices.ip-address", false);
		table.put("app.session.memory.max-sessions", "100000");
		table.put("app.session.file.directory", ".sessions");
		table.put("app.session.redis.key-prefix", "keycard:session:");
		table.put("app.session.redis.near-cache.enabled", false);
		table.put("app.session.redis.near-cache.max-sessions", "10000");
		table.put("app.session.redis.near-cache.time-to-live", "60s");
		table.put("app.session.jdbc.table-name", "keycard_session");
		table.put("app.session.jdbc.initialize-schema", "embedded");
		table.put("app.session.file.cleanup-interval", "5m");
		table.put("app.session.jdbc.cleanup-interval", "5m");
		table.put("app.session.jdbc.schema", "classpath:dev/keycard/session/store/jdbc/schema-@@platform@@.sql");
		table.put("app.session.jdbc.platform", null);
		table.put("app.session.jdbc.continue-on-error", false);
		table.put("app.session.revocation.store", "none");
		table.put("app.session.revocation.max-staleness", "5s");
		table.put("app.session.revocation.fail-mode", "closed");
		table.put("app.session.revocation.record-sessions", true);
		table.put("app.session.revocation.key-prefix", "keycard:revocation:");
		table.put("app.session.revocation.table-prefix", "keycard_");
		return table;
	}

}
