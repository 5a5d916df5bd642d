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
	score		DOUBLE NOT NULL,			-- 0..1 after the blend
	PRIMARY KEY (generation_id, movie_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
