-- 017_suggest.sql: the dictionary of completions while typing (GET /search/suggest).
-- streamify-batch suggest writes every title, person and genre, with how popular it is and the
-- normalised keys it is found by (lib/suggest.c), as a new generation, switches to it in one
-- statement when it differs from the active one, and drops the others. Each worker loads the
-- active generation into memory and answers from there; the switch raises the catalog version
-- (the trigger below), which is what tells the workers to load it again.

CREATE TABLE suggest_entries (
	generation	INT UNSIGNED NOT NULL,
	kind		TINYINT UNSIGNED NOT NULL,		-- 1 title, 2 person, 3 genre
	ref_id		BIGINT UNSIGNED NOT NULL,		-- the movie, person or genre
	popularity	DOUBLE NOT NULL,			-- a person's, a genre's: its most popular movie's
	text		VARCHAR(300) NOT NULL,			-- as shown
	search_keys	VARBINARY(2048) NOT NULL,		-- normalised, '|'-joined
	PRIMARY KEY (generation, kind, ref_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE suggest_generation (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	active		INT UNSIGNED NOT NULL,			-- 0: none yet
	checksum	BINARY(32) NOT NULL,			-- SHA-256 of the active generation's rows
	computed_at	DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO suggest_generation (id, active, checksum) VALUES (1, 0, REPEAT(CHAR(0), 32));

CREATE TRIGGER suggest_generation_au_version AFTER UPDATE ON suggest_generation FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1 AND NEW.active <> OLD.active;
