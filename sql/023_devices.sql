-- 023_devices.sql: what each login knows of its device, for GET /sessions: a label (the
-- client's own, or read from its User-Agent: lib/device.c), when it was last used and from
-- which address. last_used_at is coarse: a worker writes it after answering, at most once a
-- minute per login (cgi-bin/h_sessions.c), never on the way of the request.
ALTER TABLE sessions
	ADD COLUMN device VARCHAR(64) NOT NULL DEFAULT '' AFTER user_id,
	ADD COLUMN last_used_at DATETIME NULL AFTER created_at,
	ADD COLUMN last_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL
		AFTER last_used_at;

UPDATE sessions SET last_used_at = created_at WHERE last_used_at IS NULL;
