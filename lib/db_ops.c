/* db_ops.c: what operations read and write: the record of each batch job's and import's runs. */
#include "db.h"
#include "db_ops.h"
#include "log.h"

int
db_job_start(struct db *db, const char *job)
{
	int	 rc;

	if ((rc = db_exec(db, STMT_JOB_START, NULL, "s", job)) != DB_OK)
		log_warn("db_job_start %s: the run is not recorded (%s)", job, db_errmsg(db));
	return rc;
}

int
db_job_end(struct db *db, const char *job, int ok, double seconds)
{
	int	 rc;

	if ((rc = db_exec(db, STMT_JOB_END, NULL, "idiis", (long long)(ok != 0), seconds,
	    (long long)(ok != 0), (long long)(ok != 0), job)) != DB_OK)
		log_warn("db_job_end %s: the run is not recorded (%s)", job, db_errmsg(db));
	return rc;
}
