-- 031_library_checks.sql: the library's value rules, held by the database as well as the API:
-- ratings in half steps, percent within 0..100.

ALTER TABLE ratings
	ADD CONSTRAINT ratings_half_steps CHECK (score * 2 = FLOOR(score * 2));

ALTER TABLE watch_history
	ADD CONSTRAINT watch_history_percent CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100));
