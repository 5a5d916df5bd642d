-- 013_genre_synonyms.sql: one table of genre synonyms, so that a genre is found by any of its
-- spellings (MovieLens' "Sci-Fi" and TMDB's "Science Fiction" alike, in any case) in the
-- /movies filter, GET /genres and search, and so that the importers and the admin routes store
-- each genre under one name. Add a spelling with one INSERT; name_norm must be the name as
-- search text (lowercase ASCII letters and digits, one space between words: lib/search.c).

CREATE TABLE genre_synonyms (
	name		VARCHAR(64) NOT NULL PRIMARY KEY,	-- a spelling (compared ignoring case)
	name_norm	VARBINARY(64) NOT NULL,		-- the same spelling as search text: 'sci fi'
	genre		VARCHAR(64) NOT NULL,		-- the name the catalog stores the genre under
	KEY genre_synonyms_norm (name_norm),
	KEY genre_synonyms_genre (genre)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The stored names are MovieLens' (the bundled catalog), as streamify-import stored TMDB's before.
INSERT INTO genre_synonyms (name, name_norm, genre) VALUES
	('Sci-Fi', 'sci fi', 'Sci-Fi'),
	('Science Fiction', 'science fiction', 'Sci-Fi'),
	('Science-Fiction', 'science fiction', 'Sci-Fi'),
	('SciFi', 'scifi', 'Sci-Fi'),
	('Musical', 'musical', 'Musical'),
	('Music', 'music', 'Musical'),
	('Children', 'children', 'Children'),
	('Family', 'family', 'Children'),
	('Kids', 'kids', 'Children'),
	('Children''s', 'childrens', 'Children'),
	('Film-Noir', 'film noir', 'Film-Noir'),
	('Film Noir', 'film noir', 'Film-Noir'),
	('Noir', 'noir', 'Film-Noir');

-- A genre stored under another spelling before (an admin's "Science Fiction"): renamed to the
-- stored name when the catalog has none yet (one per name), else its movies move to the genre
-- of the stored name and it goes. Then every movie's genres text is made from movie_genres
-- again where the two differ (only the movies of such genres).
UPDATE genres g JOIN (
	SELECT s.genre, MIN(a.id) AS id FROM genres a JOIN genre_synonyms s
		ON s.name = a.name AND s.name <> s.genre
	LEFT JOIN genres c ON c.name = s.genre
	WHERE c.id IS NULL GROUP BY s.genre
) r ON r.id = g.id SET g.name = r.genre;
INSERT IGNORE INTO movie_genres (movie_id, genre_id, position)
	SELECT mg.movie_id, c.id, mg.position FROM movie_genres mg
	JOIN genres a ON a.id = mg.genre_id
	JOIN genre_synonyms s ON s.name = a.name AND s.name <> s.genre
	JOIN genres c ON c.name = s.genre;
DELETE a FROM genres a JOIN genre_synonyms s ON s.name = a.name AND s.name <> s.genre;
UPDATE movies m JOIN (
	SELECT mg.movie_id, GROUP_CONCAT(g.name ORDER BY mg.position, g.id SEPARATOR '|') AS names
	FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id GROUP BY mg.movie_id
) x ON x.movie_id = m.id SET m.genres = x.names WHERE m.genres <> x.names;

-- Its rows show in anonymous catalog answers (GET /genres, the filter): raise the catalog
-- version like every catalog table (sql/060_catalog_version.sql, which a new database applies
-- after this file; the triggers find its table when they fire).
CREATE TRIGGER genre_synonyms_ai_version AFTER INSERT ON genre_synonyms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER genre_synonyms_au_version AFTER UPDATE ON genre_synonyms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER genre_synonyms_ad_version AFTER DELETE ON genre_synonyms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;
