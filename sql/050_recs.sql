-- 050_recs.sql: the similar-movie lists, one complete set per generation (rec_generation, 001).

-- The k most similar movies of each movie, position 0 first. Workers read only the rows of
-- the active generation; streamify-batch similar writes a new generation beside it, switches
-- rec_generation.active in one transaction, and keeps the previous one for rollback.
-- No foreign keys: a generation is written and deleted in bulk, and a reader joins movies,
-- so a deleted movie simply drops out.
CREATE TABLE movie_similar (
	generation_id	BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	position	SMALLINT UNSIGNED NOT NULL,		-- 0 = the most similar
	similar_id	BIGINT UNSIGNED NOT NULL,
	score		FLOAT NOT NULL,				-- 0..1 after the blend
	PRIMARY KEY (generation_id, movie_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Scratch space of the batch (it holds a lock while it runs): the positive rows of the
-- importer's MovieLens ratings table, copied here when that table exists, so that the
-- batch's prepared statements never name a table that may be missing.
CREATE TABLE rec_ml_events (
	ml_user_id	BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
