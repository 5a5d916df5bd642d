-- 021_sessions.sql: logins (sessions), their refresh tokens, and failed logins for throttling.

-- One row per login: every access and refresh token of that login names it, so revoking
-- it (logout, password change, reuse of a rotated refresh token) ends them all at once.
CREATE TABLE sessions (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	revoked_at	DATETIME NULL,
	revoke_reason	VARCHAR(16) NULL,	-- 'logout', 'password', 'reuse'
	KEY sessions_user (user_id, revoked_at),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Refresh tokens: only their SHA-256 is kept. A token is used once (used_at); presenting
-- a used one again revokes its session.
CREATE TABLE refresh_tokens (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	session_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY refresh_tokens_session (session_id),
	CONSTRAINT refresh_tokens_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins in the current window, per account ('account', subject = 'u:<id>' or
-- 'n:<name as typed>') and per client address ('address', subject = REMOTE_ADDR).
CREATE TABLE login_failures (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('account', 'address') NOT NULL,
	subject		VARCHAR(255) NOT NULL,
	failed_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY login_failures_subject (kind, subject, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
