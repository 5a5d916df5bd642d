-- 016_rating_weighted.sql: what GET /movies sorts rating_desc and rating_asc by: a weighted
-- (Bayesian) rating that pulls a movie with few votes toward the catalog's mean, so that a
-- title rated 10 by two people does not open the list (docs/catalog.md, "Browsing"):
--
--     rating_sort = (v * R + m * C) / (v + m)
--
-- R is the movie's rating (0..10), v its vote_count, C the mean of every vote of the catalog
-- (the sum of rating * vote_count over the sum of vote_count: 7.0 for the bundled MovieLens
-- set) and m = 10 votes, about the 75th percentile of the vote counts of that set: a movie
-- needs about that many votes before its own rating outweighs the mean. An unknown rating
-- stays unknown (NULL, sorted last); a rating with no votes sorts at C. The rating the API
-- answers is unchanged.

CREATE TABLE rating_prior (
	id	TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	mean	DECIMAL(6,4) NOT NULL,		-- C; streamify-import sets it again after writing
	votes	INT UNSIGNED NOT NULL		-- m
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rating_prior (id, mean, votes)
	SELECT 1, COALESCE(ROUND(SUM(rating * vote_count) / NULLIF(SUM(vote_count), 0), 4), 7), 10
	FROM movies WHERE rating IS NOT NULL;

ALTER TABLE movies ADD COLUMN rating_sort DECIMAL(7,4) NULL AFTER rating;

-- Kept by every writer of movies (the importer, the admin routes, an operator's SQL) with the
-- prior as it is; streamify-import refreshes the prior and every movie's key after an import.
CREATE TRIGGER movies_bi_rating_sort BEFORE INSERT ON movies FOR EACH ROW
	SET NEW.rating_sort = (SELECT IF(NEW.rating IS NULL, NULL, ROUND((NEW.vote_count *
		NEW.rating + p.votes * p.mean) / (NEW.vote_count + p.votes), 4))
		FROM rating_prior p WHERE p.id = 1);

CREATE TRIGGER movies_bu_rating_sort BEFORE UPDATE ON movies FOR EACH ROW
	SET NEW.rating_sort = (SELECT IF(NEW.rating IS NULL, NULL, ROUND((NEW.vote_count *
		NEW.rating + p.votes * p.mean) / (NEW.vote_count + p.votes), 4))
		FROM rating_prior p WHERE p.id = 1);

-- The movies there already (the trigger computes it; updated_at stays as it was).
UPDATE movies SET updated_at = updated_at WHERE rating IS NOT NULL;
