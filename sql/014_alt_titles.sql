-- 014_alt_titles.sql: a movie's other titles. MovieLens writes them in parentheses after the
-- main one ("Léon: The Professional (a.k.a. The Professional) (Léon)"); streamify-import keeps
-- the main one as title, the first that is no "a.k.a." (the title in the original language) as
-- original_title and the others in alt_titles; search finds a movie by any of them.

ALTER TABLE movies
	ADD COLUMN original_title VARCHAR(300) NULL AFTER title,
	ADD COLUMN alt_titles VARCHAR(1000) NULL AFTER original_title;	-- one per line
