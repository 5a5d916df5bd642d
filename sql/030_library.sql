-- 030_library.sql: the user's library. Rows go with their user and their movie.

CREATE TABLE watchlist (
	user_id		BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (user_id, movie_id),
	KEY watchlist_recent (user_id, added_at),
	KEY watchlist_movie (movie_id),
	CONSTRAINT watchlist_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT watchlist_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE favorites (
	user_id		BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (user_id, movie_id),
	KEY favorites_recent (user_id, added_at),
	KEY favorites_movie (movie_id),
	CONSTRAINT favorites_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT favorites_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per user and movie: the latest playback state.
CREATE TABLE watch_history (
	user_id		BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	position	INT UNSIGNED NOT NULL DEFAULT 0,	-- seconds
	duration	INT UNSIGNED NULL,			-- seconds, as the player reported it
	percent		DECIMAL(5,2) NULL,			-- 0..100, NULL when no running time is known
	completed	TINYINT(1) NOT NULL DEFAULT 0,
	play_count	INT UNSIGNED NOT NULL DEFAULT 0,	-- completed viewings
	hidden		TINYINT(1) NOT NULL DEFAULT 0,		-- hidden from continue watching
	last_played_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (user_id, movie_id),
	KEY watch_history_recent (user_id, last_played_at),
	KEY watch_history_movie (movie_id, completed),
	CONSTRAINT watch_history_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT watch_history_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ratings (
	user_id		BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	score		DECIMAL(2,1) NOT NULL,			-- 0.5..5.0 in steps of 0.5
	rated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (user_id, movie_id),
	KEY ratings_recent (user_id, rated_at),
	KEY ratings_movie (movie_id, score),
	CONSTRAINT ratings_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT ratings_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT ratings_score CHECK (score >= 0.5 AND score <= 5.0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
