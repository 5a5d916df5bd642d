-- 011_search.sql: the search index: normalised titles, and words with their typo variants.
-- Kept in step with the catalog by search_index_movie (lib/search_index.c); see docs/catalog.md.

-- The normalised title of every indexed movie: the ranking compares it with the query.
CREATE TABLE search_titles (
	movie_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	title_norm	VARBINARY(1200) NOT NULL,		-- lowercase ASCII-folded, words split by one space
	CONSTRAINT search_titles_movie FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Title and description words of movies.
CREATE TABLE search_terms (
	term		VARBINARY(64) NOT NULL,			-- a normalised word, or one with a letter deleted
	kind		TINYINT UNSIGNED NOT NULL,		-- 0 = the word, 1 = a deletion variant
	movie_id	BIGINT UNSIGNED NOT NULL,
	field		TINYINT UNSIGNED NOT NULL,		-- 1 title, 3 description
	PRIMARY KEY (term, kind, movie_id, field),
	KEY search_terms_movie (movie_id),
	CONSTRAINT search_terms_movie_fk FOREIGN KEY (movie_id) REFERENCES movies (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Name words of people, once per person: a search reaches their movies through
-- movie_cast and the directors in movie_crew, so a name is not copied into every film.
CREATE TABLE search_people (
	term		VARBINARY(64) NOT NULL,
	kind		TINYINT UNSIGNED NOT NULL,
	person_id	BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (term, kind, person_id),
	KEY search_people_person (person_id),
	CONSTRAINT search_people_person_fk FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ENGINE=InnoDB;
