-- 005_ops.sql: what operators watch: the last run of each batch job and import (written by
-- those binaries, read by the workers for /metrics).
CREATE TABLE job_runs (
	job		VARCHAR(32) NOT NULL PRIMARY KEY,	-- "similar", "renew", "import", ...
	started_at	DATETIME(3) NULL,			-- the last run's start (UTC)
	finished_at	DATETIME(3) NULL,			-- its end, NULL while it runs
	succeeded_at	DATETIME(3) NULL,			-- the end of the last run that succeeded
	ok		TINYINT(1) NOT NULL DEFAULT 0,		-- whether the last finished run succeeded
	seconds		DOUBLE NULL,				-- how long the last finished run took
	runs		BIGINT UNSIGNED NOT NULL DEFAULT 0,	-- runs started
	failures	BIGINT UNSIGNED NOT NULL DEFAULT 0	-- runs that failed
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
