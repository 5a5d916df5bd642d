-- 020_accounts.sql: users. The collation is case-insensitive, so the unique keys
-- make username and email unique ignoring case.

CREATE TABLE users (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	username	VARCHAR(32) NOT NULL,
	email		VARCHAR(254) NOT NULL,
	password_hash	VARCHAR(255) NOT NULL,
	is_admin	TINYINT(1) NOT NULL DEFAULT 0,
	join_date	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY users_username (username),
	UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
