-- 022_login_throttle.sql: failed logins counted per account and client address, and where
-- each account logged in lately, so that a stranger cannot lock a user out (cgi-bin/h_accounts.c,
-- lib/throttle.c; docs/accounts.md "Throttling").

-- Each failed login is now one row naming the account (kind 'account', subject 'u:<id>' or
-- 'n:<name as typed>') and the client's address key (lib/throttle.c: an IPv4 address, or an
-- IPv6 /64). Rows of kind 'address' (one per failure, from 021) are no longer written;
-- `streamify-batch purge` removes what is left of them within a day.
ALTER TABLE login_failures
	ADD COLUMN address VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
		AFTER subject,
	ADD KEY login_failures_address (address, failed_at);

-- The addresses each user logged in (or registered) from, and when last: failures of
-- others never delay a user at such an address (login_known_days).
CREATE TABLE login_addresses (
	user_id		BIGINT UNSIGNED NOT NULL,
	address		VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	last_login	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id, address),
	KEY login_addresses_time (last_login),
	CONSTRAINT login_addresses_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
