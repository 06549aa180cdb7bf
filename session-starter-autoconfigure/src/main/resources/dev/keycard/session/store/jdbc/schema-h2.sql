-- The table of Keycard's JDBC session store on H2. Keycard replaces ${table} with
-- app.session.jdbc.table-name, and ${index} and ${principal_index} with that name, unqualified,
-- followed by _expires_at_idx and _principal_idx; do the same to run it yourself. Safe to run
-- again, and it adds principal_key to a table made before that column existed.
CREATE TABLE IF NOT EXISTS ${table} (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	attributes CHARACTER LARGE OBJECT NOT NULL,
	principal_key VARCHAR(64)
);
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS principal_key VARCHAR(64);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);
CREATE INDEX IF NOT EXISTS ${principal_index} ON ${table} (principal_key);
