-- 041_streams.sql: screens per plan. A plan allows max_streams streams at once; each login
-- holds at most one stream (GET /movies/{id}/play opens it, replacing the login's previous
-- one), kept open by its player's progress reports and heartbeats, closed after
-- stream_timeout seconds without one (120), or stopped (docs/subs.md, "Screens").
ALTER TABLE plans ADD COLUMN max_streams TINYINT UNSIGNED NOT NULL DEFAULT 1 AFTER max_quality;

UPDATE plans SET max_streams = 1 WHERE code = 'basic';
UPDATE plans SET max_streams = 2 WHERE code = 'standard';
UPDATE plans SET max_streams = 4 WHERE code = 'premium';

-- One row per login that played: open while last_seen is recent, stopped_at is NULL and
-- its login is not revoked. A login signed out or deleted takes its stream along.
CREATE TABLE streams (
	session_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	opened_at	DATETIME(3) NOT NULL,
	last_seen	DATETIME(3) NOT NULL,
	stopped_at	DATETIME(3) NULL,			-- stopped from another device
	KEY streams_user (user_id, last_seen),
	KEY streams_movie (movie_id),
	CONSTRAINT streams_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
	CONSTRAINT streams_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT streams_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
