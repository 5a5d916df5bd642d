-- 024_recovery.sql: account recovery and e-mail verification (cgi-bin/h_recovery.c,
-- docs/accounts.md "Recovery and verification").

-- When the account's current address was proven to be the user's: a verification link
-- mailed to it was followed (or a password reset mailed to it was used). A new address
-- starts unverified.
ALTER TABLE users ADD COLUMN email_verified_at DATETIME NULL AFTER email;

-- Single-use tokens mailed to a user: only their SHA-256 is kept. A reset token lives 30
-- minutes, a verification token 48 hours; asking again uses up the previous ones of the
-- same purpose. email is the address it was mailed to: a verification only counts while
-- the account still has that address.
CREATE TABLE account_tokens (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	purpose		ENUM('reset', 'verify') NOT NULL,
	email		VARCHAR(254) NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY account_tokens_user (user_id, purpose, used_at),
	KEY account_tokens_expiry (expires_at),
	CONSTRAINT account_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The recovery requests that throttling counts (lib/throttle.c's rules): kind, the account
-- ('e:<address as typed, lowercased>' for a forgotten password, 'u:<id>' once a token's or
-- the caller's account is known, '-:<address key>' for a token that is nobody's) and the
-- client's address key.
CREATE TABLE recovery_requests (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('forgot', 'reset', 'verify', 'resend') NOT NULL,
	subject		VARCHAR(300) NOT NULL,
	address		VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	requested_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY recovery_requests_subject (kind, subject, requested_at),
	KEY recovery_requests_address (kind, address, requested_at),
	KEY recovery_requests_time (requested_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
