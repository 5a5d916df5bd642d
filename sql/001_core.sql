-- 001_core.sql: the spine's own tables.
-- Every table is InnoDB, utf8mb4; times are UTC DATETIME.

-- One row per computed generation of the similar-movie tables; exactly one is active.
CREATE TABLE rec_generation (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	status		ENUM('building', 'complete', 'failed') NOT NULL DEFAULT 'building',
	active		TINYINT(1) NOT NULL DEFAULT 0,
	started_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	computed_at	DATETIME NULL,
	movies		INT UNSIGNED NOT NULL DEFAULT 0,
	pairs		BIGINT UNSIGNED NOT NULL DEFAULT 0,
	KEY rec_generation_active (active)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
