-- The table of Keycard's JDBC session store on PostgreSQL. Keycard replaces ${table} with
-- app.session.jdbc.table-name and ${index} with that name, unqualified, followed by
-- _expires_at_idx; do the same to run it yourself. Safe to run again.
CREATE TABLE IF NOT EXISTS ${table} (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	attributes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);
