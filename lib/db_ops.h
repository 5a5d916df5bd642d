/* db_ops.h: what operations read and write: the record of each batch job's and import's runs. */
#ifndef STREAMIFY_DB_OPS_H
#define STREAMIFY_DB_OPS_H

struct db;

/*
 * Record that job (a short fixed name: "similar", "renew", "import", ...)
 * starts now: its row in job_runs gets the start time and one more run.
 * Returns DB_OK or a db_rc error (logged). A job that cannot record still
 * runs: callers go on.
 */
int	db_job_start(struct db *db, const char *job);

/*
 * Record that job ended, ok (1) or not (0), after seconds. Returns DB_OK
 * or a db_rc error.
 */
int	db_job_end(struct db *db, const char *job, int ok, double seconds);

#endif
