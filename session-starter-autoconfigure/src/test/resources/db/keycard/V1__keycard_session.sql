-- Keycard's schema-h2.sql as an application's own Flyway migration: Flyway replaces ${table},
-- ${index} and ${principal_index} with spring.flyway.placeholders.table, .index and
-- .principal_index.
CREATE TABLE IF NOT EXISTS ${table} (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	attributes CLOB NOT NULL,
	principal_key VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);
CREATE INDEX IF NOT EXISTS ${principal_index} ON ${table} (principal_key);
