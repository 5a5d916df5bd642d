-- 091_recs_rank.sql: the weights GET /recommendations ranks from, one row per movie and
-- generation (beside movie_similar's 50 similar movies of the detail page).
--
-- streamify-batch similar writes, for every movie that EASE models (docs/recs.md), its
-- similar_rank_k (200) largest EASE weights B_ij, the negative ones included: a user's score
-- of movie j is the sum of B_ij over the movies i they liked. A movie without a row here ranks
-- from its first neighbours in movie_similar instead (content and co-watching: cold start).
-- The weights are one blob, so that a user's 200 seeds are 200 rows read through the primary
-- key, not 40,000: n entries of 12 bytes, the movie id as 8 bytes and the weight as an IEEE
-- 754 single, both little-endian. Partitioned like movie_similar (sql/090), so that the
-- generation before last goes with a TRUNCATE PARTITION.

CREATE TABLE movie_rank (
	generation_id	BIGINT UNSIGNED NOT NULL,
	movie_id	BIGINT UNSIGNED NOT NULL,
	weights		MEDIUMBLOB NOT NULL,
	PRIMARY KEY (generation_id, movie_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
PARTITION BY LIST (generation_id MOD 4) (
	PARTITION p0 VALUES IN (0),
	PARTITION p1 VALUES IN (1),
	PARTITION p2 VALUES IN (2),
	PARTITION p3 VALUES IN (3)
);
