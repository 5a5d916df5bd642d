-- 011_search.sql: the search index: normalised titles and a term table with typo variants.
-- Kept in step with the catalog by search_index_movie (lib/search_index.c); see docs/catalog.md.

CREATE TABLE search_titles (
	movie_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	title_norm	VARBINARY(1200) NOT NULL,		-- lowercase ASCII-folded title, words split by one space
	CONSTRAINT search_titles_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE search_terms (
	term		VARBINARY(64) NOT NULL,			-- a normalised word, or one with a letter deleted
	kind		TINYINT UNSIGNED NOT NULL,		-- 0 = the word, 1 = a deletion variant
	movie_id	BIGINT UNSIGNED NOT NULL,
	field		TINYINT UNSIGNED NOT NULL,		-- 1 title, 2 cast or director, 3 description
	PRIMARY KEY (term, kind, movie_id, field),
	KEY search_terms_movie (movie_id),
	CONSTRAINT search_terms_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB;

