/* cmd_purge.c: streamify-batch purge: the login rows that no request can use any more. */
#include <stdio.h>

#include "batch.h"
#include "config.h"
#include "db.h"

#define PURGE_ROUNDS	100000	/* statements of PURGE_BATCH rows one kind gets per run, at most */

/* In this order: revoked sessions take their refresh tokens along, before those are counted. */
static const struct purge {
	enum stmt_id	 stmt;
	const char	*what;
	int		 days;		/* the statement takes login_known_days */
} purges[] = {
	{ STMT_PURGE_FAILURES, "failed logins", 0 },
	{ STMT_PURGE_ADDRESSES, "trusted login addresses", 1 },
	{ STMT_PURGE_REVOKED, "revoked logins", 0 },
	{ STMT_PURGE_TOKENS, "expired refresh tokens", 0 },
	{ STMT_PURGE_ENDED, "ended logins", 0 },
	{ STMT_PURGE_ACCOUNT_TOKENS, "expired reset and verification links", 0 },
	{ STMT_PURGE_RECOVERY, "old recovery requests", 0 },
};

int
cmd_purge(int argc, char *argv[])
{
	static const char	 help[] =
	    "usage: streamify-batch purge\n"
	    "\n"
	    "Deletes, " PURGE_STR(PURGE_BATCH) " rows a statement, what no request can use any more:\n"
	    "failed logins older than a day (throttling looks back login_window and an\n"
	    "hour), the addresses users last logged in from more than login_known_days ago\n"
	    "(no longer trusted), logins\n"
	    "revoked more than a day ago, refresh tokens expired more than a day ago,\n"
	    "logins made over a day ago that have no refresh token left, reset and\n"
	    "verification links expired more than a day ago, and recovery requests older\n"
	    "than a day (throttling looks back an hour). Prints how many of\n"
	    "each went. Safe to run at any time and twice at once.\n";
	enum { NPURGE = sizeof(purges) / sizeof(purges[0]) };
	long long	 gone[NPURGE] = { 0 }, n;
	struct db	*db;
	size_t		 i;
	int		 rc = DB_OK, round;

	if ((rc = batch_no_options(argc, argv, help)) != -1)
		return rc;
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-batch purge: cannot reach the database\n");
		db_close(db);
		return 1;
	}
	for (i = 0, rc = DB_OK; i < NPURGE && rc == DB_OK; i++)
		for (round = 0; round < PURGE_ROUNDS; round++) {
			if ((rc = purges[i].days ? db_exec(db, purges[i].stmt, NULL, "i",
			    config.login_known_days) : db_exec(db, purges[i].stmt, NULL, "")) != DB_OK)
				break;
			gone[i] += n = db_affected(db);
			if (n < PURGE_BATCH)
				break;
		}
	db_close(db);
	printf("purge: deleted");
	for (i = 0; i < NPURGE; i++)
		printf("%s %lld %s", i ? "," : "", gone[i], purges[i].what);
	printf("\n");
	if (rc != DB_OK) {
		fprintf(stderr, "streamify-batch purge: stopped on a database error (%d)\n", rc);
		return 1;
	}
	return 0;
}
