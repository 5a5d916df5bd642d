-- 060_catalog_version.sql: one number that changes whenever anything an anonymous catalog
-- answer shows changes. The workers keep those answers in memory and check this number (one
-- primary-key read) instead of running the five or so statements of the answer again.
-- Row triggers keep it, so every writer counts: the API, the importer, the batch, an operator's
-- SQL. movie_similar needs none: a new generation only shows once rec_generation switches.
-- people has none either: a trigger there would reset the LAST_INSERT_ID(id) the importer's
-- upsert of a person returns, and a person only shows through movie_cast and movie_crew,
-- which the importer rewrites in the same transaction (their triggers count the change).

CREATE TABLE catalog_version (
	id	TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	v	BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO catalog_version (id, v) VALUES (1, 1);

CREATE TRIGGER movies_ai_version AFTER INSERT ON movies FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movies_au_version AFTER UPDATE ON movies FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movies_ad_version AFTER DELETE ON movies FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER genres_ai_version AFTER INSERT ON genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER genres_au_version AFTER UPDATE ON genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER genres_ad_version AFTER DELETE ON genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_genres_ai_version AFTER INSERT ON movie_genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_genres_au_version AFTER UPDATE ON movie_genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_genres_ad_version AFTER DELETE ON movie_genres FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_cast_ai_version AFTER INSERT ON movie_cast FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_cast_au_version AFTER UPDATE ON movie_cast FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_cast_ad_version AFTER DELETE ON movie_cast FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_crew_ai_version AFTER INSERT ON movie_crew FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_crew_au_version AFTER UPDATE ON movie_crew FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER movie_crew_ad_version AFTER DELETE ON movie_crew FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_titles_ai_version AFTER INSERT ON search_titles FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_titles_au_version AFTER UPDATE ON search_titles FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_titles_ad_version AFTER DELETE ON search_titles FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_terms_ai_version AFTER INSERT ON search_terms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_terms_au_version AFTER UPDATE ON search_terms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_terms_ad_version AFTER DELETE ON search_terms FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_people_ai_version AFTER INSERT ON search_people FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_people_au_version AFTER UPDATE ON search_people FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER search_people_ad_version AFTER DELETE ON search_people FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rec_generation_ai_version AFTER INSERT ON rec_generation FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rec_generation_au_version AFTER UPDATE ON rec_generation FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER rec_generation_ad_version AFTER DELETE ON rec_generation FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER plans_ai_version AFTER INSERT ON plans FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER plans_au_version AFTER UPDATE ON plans FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER plans_ad_version AFTER DELETE ON plans FOR EACH ROW
	UPDATE catalog_version SET v = v + 1 WHERE id = 1;
