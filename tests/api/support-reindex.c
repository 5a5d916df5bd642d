/* support-reindex.c: test support: rebuild the search index (every movie, or the ids given). */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "search_index.h"

/*
 * usage: support-reindex [ID...], against the database of
 * STREAMIFY_TEST_CONFIG. Exits 0 when the index is rebuilt.
 */
int
main(int argc, char *argv[])
{
	struct db	*db;
	int		 i, rc;

	if (config_load(getenv("STREAMIFY_TEST_CONFIG")) == -1)
		return 1;
	log_set_level(config.log_level);
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "support-reindex: no database\n");
		db_close(db);
		return 1;
	}
	if (argc == 1)
		rc = search_reindex_all(db);
	else if ((rc = db_begin(db)) == DB_OK) {
		for (i = 1; i < argc && rc == DB_OK; i++)
			rc = search_index_movie(db, strtoll(argv[i], NULL, 10));
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	}
	db_close(db);
	config_free();
	if (rc != DB_OK) {
		fprintf(stderr, "support-reindex: failed (%d)\n", rc);
		return 1;
	}
	return 0;
}
