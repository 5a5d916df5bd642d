-- 051_recs_user_version.sql: one number per user that changes whenever something
-- GET /recommendations reads of that user changes: a rating, a favorite, a watchlist entry, a
-- completed viewing. A worker keeps a user's answer in memory with this number, the active
-- generation and the catalog version (060), and checks the three (one read of primary keys)
-- instead of ranking again. Row triggers keep it, so every writer counts. A progress update of
-- a movie not completed changes nothing here (the hot PUT /history path writes no extra row).
-- Rows removed by a foreign key's cascade fire no trigger: a deleted movie changes the catalog
-- version instead, and a deleted user's row goes with the user.

CREATE TABLE rec_user_version (
	user_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	v		BIGINT UNSIGNED NOT NULL DEFAULT 0,
	CONSTRAINT rec_user_version_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every user has a row from the start, so the triggers below only ever UPDATE one row.
INSERT INTO rec_user_version (user_id) SELECT id FROM users;

CREATE TRIGGER users_ai_recs AFTER INSERT ON users FOR EACH ROW
	INSERT INTO rec_user_version (user_id) VALUES (NEW.id);

CREATE TRIGGER ratings_ai_recs AFTER INSERT ON ratings FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER ratings_au_recs AFTER UPDATE ON ratings FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER ratings_ad_recs AFTER DELETE ON ratings FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = OLD.user_id;

CREATE TRIGGER favorites_ai_recs AFTER INSERT ON favorites FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER favorites_au_recs AFTER UPDATE ON favorites FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER favorites_ad_recs AFTER DELETE ON favorites FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = OLD.user_id;

CREATE TRIGGER watchlist_ai_recs AFTER INSERT ON watchlist FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER watchlist_au_recs AFTER UPDATE ON watchlist FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;

CREATE TRIGGER watchlist_ad_recs AFTER DELETE ON watchlist FOR EACH ROW
	UPDATE rec_user_version SET v = v + 1 WHERE user_id = OLD.user_id;

-- watch_history: only completed viewings are read (and their time orders the events).
CREATE TRIGGER watch_history_ai_recs AFTER INSERT ON watch_history FOR EACH ROW
	IF NEW.completed = 1 THEN
		UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;
	END IF;

CREATE TRIGGER watch_history_au_recs AFTER UPDATE ON watch_history FOR EACH ROW
	IF OLD.completed <> NEW.completed OR
	    (NEW.completed = 1 AND OLD.last_played_at <> NEW.last_played_at) THEN
		UPDATE rec_user_version SET v = v + 1 WHERE user_id = NEW.user_id;
	END IF;

CREATE TRIGGER watch_history_ad_recs AFTER DELETE ON watch_history FOR EACH ROW
	IF OLD.completed = 1 THEN
		UPDATE rec_user_version SET v = v + 1 WHERE user_id = OLD.user_id;
	END IF;
