-- 090_similar_partitions.sql: movie_similar in four partitions by generation (id MOD 4), so
-- that `streamify-batch similar` drops the generation before last by emptying its partition
-- (ALTER TABLE ... TRUNCATE PARTITION, instant) instead of deleting its rows one by one (about
-- 75 s for 10 million rows at 200,000 movies). The generations alive at once (the active one,
-- the previous one kept for rollback, the one being built) are consecutive ids in a normal run,
-- so they sit in different partitions; when a partition also holds another generation (ids
-- skipped by failed runs), the batch deletes the rows as before. Reads name one generation, so
-- they look in each partition's primary key once at most.

ALTER TABLE movie_similar PARTITION BY LIST (generation_id MOD 4) (
	PARTITION p0 VALUES IN (0),
	PARTITION p1 VALUES IN (1),
	PARTITION p2 VALUES IN (2),
	PARTITION p3 VALUES IN (3)
);
