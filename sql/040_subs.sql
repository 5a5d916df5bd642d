-- 040_subs.sql: plans, subscriptions, payments, notifications, and the batch jobs' marks.

-- The plans on sale. Prices are in the currency's minor unit (cents).
CREATE TABLE plans (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL,
	name		VARCHAR(64) NOT NULL,
	price_cents	INT UNSIGNED NOT NULL,
	currency	CHAR(3) NOT NULL,
	period_months	TINYINT UNSIGNED NOT NULL DEFAULT 1,	-- one billing period
	max_quality	VARCHAR(16) NOT NULL,			-- "480p", "1080p", "2160p"
	sort_order	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	UNIQUE KEY plans_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO plans (code, name, price_cents, currency, period_months, max_quality, sort_order) VALUES
	('basic', 'Basic', 799, 'USD', 1, '480p', 1),
	('standard', 'Standard', 1299, 'USD', 1, '1080p', 2),
	('premium', 'Premium', 1799, 'USD', 1, '2160p', 3);

-- One row per subscription a user started. At most one of a user's rows is
-- 'active' (or 'pending', 'past_due') at a time: a new plan replaces the old row.
--   pending   the first charge has no answer yet (provider timeout): no access
--   active    paid until end_date; auto_renew = 0 means cancelled, access until end_date
--   past_due  a renewal charge failed; retried up to renew_max_retries times: no access
--   expired   ended (not renewed, or retries used up)
--   failed    the first charge was declined: never started
--   replaced  ended early by a subscription to another plan
CREATE TABLE subscriptions (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	plan_id		INT UNSIGNED NOT NULL,
	status		ENUM('pending', 'active', 'past_due', 'expired', 'failed', 'replaced')
			NOT NULL DEFAULT 'pending',
	auto_renew	TINYINT(1) NOT NULL DEFAULT 1,
	payment_token	VARCHAR(200) NOT NULL,			-- the provider's reusable payment method; never shown
	start_date	DATETIME NULL,
	end_date	DATETIME NULL,				-- paid until (access ends here)
	failed_attempts	INT UNSIGNED NOT NULL DEFAULT 0,	-- failed charges for the current period
	next_attempt_at	DATETIME NULL,				-- no renewal attempt before this
	claimed_until	DATETIME NULL,				-- a renew process works on it until then
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	KEY subscriptions_user (user_id, status),
	KEY subscriptions_due (status, end_date),
	CONSTRAINT subscriptions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT subscriptions_plan_fk FOREIGN KEY (plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every charge attempt, declined ones included. idem_key is the provider's
-- Idempotency-Key: the same key never charges twice. A renewal payment that is
-- pending or succeeded holds renewal_period, so one period is charged at most once.
CREATE TABLE payments (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	subscription_id	BIGINT UNSIGNED NOT NULL,
	plan_id		INT UNSIGNED NOT NULL,
	kind		ENUM('initial', 'renewal') NOT NULL,
	amount_cents	INT UNSIGNED NOT NULL,
	currency	CHAR(3) NOT NULL,
	status		ENUM('pending', 'succeeded', 'declined', 'failed') NOT NULL DEFAULT 'pending',
	idem_key	VARCHAR(100) NOT NULL,
	provider_ref	VARCHAR(100) NULL,
	failure_code	VARCHAR(64) NULL,
	period_start	DATETIME NULL,				-- renewal: the period it pays for
	checks		INT UNSIGNED NOT NULL DEFAULT 0,	-- times a pending payment was re-asked
	next_check_at	DATETIME(6) NULL,			-- a renew process re-asks it until then
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
	renewal_period	DATETIME AS (IF(kind = 'renewal' AND status IN ('pending', 'succeeded'),
			period_start, NULL)) PERSISTENT,
	UNIQUE KEY payments_idem (idem_key),
	UNIQUE KEY payments_renewal_once (subscription_id, renewal_period),
	KEY payments_user (user_id, created_at),
	KEY payments_pending (status, created_at),
	CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT payments_subscription_fk FOREIGN KEY (subscription_id) REFERENCES subscriptions (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per event a user is told about. dedupe_key makes a job that runs
-- twice (or twice at once) notify once.
CREATE TABLE notifications (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id		BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(32) NOT NULL,
	title		VARCHAR(200) NOT NULL,
	body		VARCHAR(1000) NOT NULL,
	data		TEXT NULL,				-- a JSON object, or NULL
	dedupe_key	VARCHAR(100) NOT NULL,
	read_at		DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY notifications_once (user_id, dedupe_key),
	KEY notifications_list (user_id, read_at, created_at),
	CONSTRAINT notifications_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where a batch job got to ("notify": movies created up to this time are told).
CREATE TABLE batch_marks (
	name		VARCHAR(32) NOT NULL PRIMARY KEY,
	mark		DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
