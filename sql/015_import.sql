-- 015_import.sql: what streamify-import remembers: a hash per imported source row, keyword
-- weights per source, and the MovieLens ratings kept for the recommendation batch.

-- One row per source row imported (a MovieLens movieId, a TMDB id): the movie it became and
-- a SHA-256 of everything the importer read for it. A second run skips rows whose hash is
-- unchanged, so it writes nothing.
CREATE TABLE import_rows (
	source		VARCHAR(16) NOT NULL,			-- 'movielens', 'tmdb-csv', 'tmdb'
	source_key	BIGINT UNSIGNED NOT NULL,		-- movieId for MovieLens, the TMDB id otherwise
	movie_id	BIGINT UNSIGNED NOT NULL,
	row_hash	CHAR(64) NOT NULL,
	imported_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (source, source_key),
	KEY import_rows_movie (movie_id),
	CONSTRAINT import_rows_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Keyword weights as each source gave them (MovieLens: times a tag was applied; TMDB: 1).
-- movie_keywords holds their sum per keyword, rebuilt for a movie whenever one source changes.
CREATE TABLE movie_keyword_sources (
	movie_id	BIGINT UNSIGNED NOT NULL,
	source		VARCHAR(16) NOT NULL,
	keyword_id	BIGINT UNSIGNED NOT NULL,
	weight		INT UNSIGNED NOT NULL DEFAULT 1,
	PRIMARY KEY (movie_id, source, keyword_id),
	KEY movie_keyword_sources_keyword (keyword_id),
	CONSTRAINT movie_keyword_sources_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE,
	CONSTRAINT movie_keyword_sources_keyword_fk FOREIGN KEY (keyword_id) REFERENCES keywords (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The rows of MovieLens ratings.csv, for the collaborative part of the recommendations and the
-- offline evaluation. ml_user_id is MovieLens' userId (not a Streamify user); movie_id is ours.
CREATE TABLE movielens_ratings (
	ml_user_id	INT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	score		DECIMAL(2,1) NOT NULL,			-- 0.5 .. 5.0 stars
	rated_at	DATETIME NOT NULL,			-- UTC
	PRIMARY KEY (ml_user_id, movie_id),
	KEY movielens_ratings_movie (movie_id),
	CONSTRAINT movielens_ratings_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
