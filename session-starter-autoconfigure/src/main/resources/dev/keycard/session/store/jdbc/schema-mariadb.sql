-- The table of Keycard's JDBC session store on MariaDB. Keycard replaces ${table} with
-- app.session.jdbc.table-name, and ${index} and ${principal_index} with that name, unqualified,
-- followed by _expires_at_idx and _principal_idx; do the same to run it yourself. Safe to run
-- again, and it adds principal_key to a table made before that column existed.
-- Store keys are case-sensitive Base64url, so the id compares bytes (ascii_bin): under a
-- case-insensitive collation two sessions could share a row.
CREATE TABLE IF NOT EXISTS ${table} (
	id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	attributes LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	principal_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
	PRIMARY KEY (id),
	INDEX ${index} (expires_at),
	INDEX ${principal_index} (principal_key)
) ENGINE = InnoDB;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS principal_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
	ADD INDEX IF NOT EXISTS ${principal_index} (principal_key);
