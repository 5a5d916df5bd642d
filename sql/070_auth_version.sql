-- 070_auth_version.sql: the numbers that let a worker trust what it remembers of its users.
-- The workers share them with the catalog's (060) through lib/board.c, reading them at most
-- every version_check_ms, so an authenticated request usually needs no statement for its
-- token, and often none for the caller's own data either (cgi-bin/viewer.c).
--
-- auth_version changes whenever a login stops being valid or a user's rights change. A new
-- login needs no change (no worker remembers it yet). Deleting a user removes its logins by
-- cascade, which fires no trigger: the users trigger counts it.
--
-- userdata_version changes when a user's library, subscription or account is written by
-- anything but the API workers: the nightly batch, streamify-admin, an operator's SQL. The
-- workers' own writes skip it (their sessions set @streamify_api, lib/db.c): a worker that
-- writes a user's data tells the others through the board's per-user counters instead.
-- Row triggers keep both, so no writer can forget. A worker's write looks up the row id 0,
-- which does not exist, so it never waits on the lock of the one row others raise.

CREATE TABLE auth_version (
	id	TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	v	BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO auth_version (id, v) VALUES (1, 1);

CREATE TRIGGER sessions_au_auth AFTER UPDATE ON sessions FOR EACH ROW
	UPDATE auth_version SET v = v + 1
	WHERE id = 1 AND NOT (NEW.revoked_at <=> OLD.revoked_at AND NEW.user_id <=> OLD.user_id);

CREATE TRIGGER sessions_ad_auth AFTER DELETE ON sessions FOR EACH ROW
	UPDATE auth_version SET v = v + 1 WHERE id = 1;

CREATE TRIGGER users_au_auth AFTER UPDATE ON users FOR EACH ROW
	UPDATE auth_version SET v = v + 1 WHERE id = 1 AND NOT (NEW.is_admin <=> OLD.is_admin);

CREATE TRIGGER users_ad_auth AFTER DELETE ON users FOR EACH ROW
	UPDATE auth_version SET v = v + 1 WHERE id = 1;

CREATE TABLE userdata_version (
	id	TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	v	BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO userdata_version (id, v) VALUES (1, 1);

CREATE TRIGGER users_au_userdata AFTER UPDATE ON users FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER watchlist_ai_userdata AFTER INSERT ON watchlist FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER watchlist_ad_userdata AFTER DELETE ON watchlist FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER favorites_ai_userdata AFTER INSERT ON favorites FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER favorites_ad_userdata AFTER DELETE ON favorites FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER watch_history_ai_userdata AFTER INSERT ON watch_history FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER watch_history_au_userdata AFTER UPDATE ON watch_history FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER watch_history_ad_userdata AFTER DELETE ON watch_history FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER ratings_ai_userdata AFTER INSERT ON ratings FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER ratings_au_userdata AFTER UPDATE ON ratings FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER ratings_ad_userdata AFTER DELETE ON ratings FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER subscriptions_ai_userdata AFTER INSERT ON subscriptions FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER subscriptions_au_userdata AFTER UPDATE ON subscriptions FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER subscriptions_ad_userdata AFTER DELETE ON subscriptions FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);

CREATE TRIGGER plans_au_userdata AFTER UPDATE ON plans FOR EACH ROW
	UPDATE userdata_version SET v = v + 1 WHERE id = IF(@streamify_api IS NULL, 1, 0);
