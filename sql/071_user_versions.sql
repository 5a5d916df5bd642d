-- 071_user_versions.sql: a version per user in the database, for pools on several hosts
-- (setting user_versions = database): a worker raises the user's row after each write of
-- theirs, and every worker reads it before trusting what it remembers of that user, so a
-- write through one host is seen at once through another.
CREATE TABLE user_versions (
	user_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	v		BIGINT UNSIGNED NOT NULL,
	CONSTRAINT user_versions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
