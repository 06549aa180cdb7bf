-- Keycard's schema-h2.sql as an application's own Flyway migration: Flyway replaces ${table}
-- and ${index} with spring.flyway.placeholders.table and .index.
CREATE TABLE IF NOT EXISTS ${table} (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	attributes CLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);
