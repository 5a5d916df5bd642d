-- 080_purge.sql: indexes for `streamify-batch purge`, which deletes the login rows no request
-- can use any more (failed logins, revoked or ended sessions, expired refresh tokens) a batch
-- of rows at a time, each found by a range of its time column instead of a table scan.

ALTER TABLE login_failures ADD KEY login_failures_time (failed_at);
ALTER TABLE refresh_tokens ADD KEY refresh_tokens_expiry (expires_at);
ALTER TABLE sessions ADD KEY sessions_revoked (revoked_at);
