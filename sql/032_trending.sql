-- 032_trending.sql: trending movies, from playback progress (GET /movies/trending).
-- streamify-batch trending (every 15 minutes) counts, per movie, the distinct viewers who
-- started or progressed it within the last day and week (watch_history rows whose
-- last_played_at is in the window: one row per user and movie), ranks the movies with at
-- least trending_min_viewers of them, fills the list up by popularity, and writes it here in
-- one transaction, only when it changed. The catalog version triggers make every worker's
-- answer memory drop the old lists at once.

ALTER TABLE watch_history ADD KEY watch_history_played (last_played_at, movie_id);

CREATE TABLE trending (
	span		ENUM('day', 'week') NOT NULL,
	position	SMALLINT UNSIGNED NOT NULL,		-- 0 = the first
	movie_id	BIGINT UNSIGNED NOT NULL,
	viewers		INT UNSIGNED NOT NULL,			-- distinct viewers in the window
	by_viewers	TINYINT(1) NOT NULL,			-- 0: there for its popularity
	PRIMARY KEY (span, position),
	KEY trending_movie (movie_id),
	CONSTRAINT trending_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER trending_ai_version AFTER INSERT ON trending FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER trending_au_version AFTER UPDATE ON trending FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER trending_ad_version AFTER DELETE ON trending FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;
