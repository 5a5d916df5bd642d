/* search-p99.c: times the search of lib/db_catalog.c against a database: p50 and p99 per query kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "db_catalog.h"
#include "log.h"
#include "timing.h"

/* The query mix: exact titles, title starts being typed, typos, names, common words. */
static const struct {
	const char	*kind, *q;
} queries[] = {
	{ "exact", "the godfather" }, { "exact", "spider man" }, { "exact", "toy story" },
	{ "exact", "leon" }, { "exact", "jurassic park" }, { "exact", "pulp fiction" },
	{ "prefix", "star w" }, { "prefix", "godf" }, { "prefix", "the matr" },
	{ "prefix", "jurass" }, { "prefix", "forr" }, { "prefix", "schindl" },
	{ "typo", "godfater" }, { "typo", "jurasic park" }, { "typo", "termintor" },
	{ "typo", "pulp fictoin" }, { "typo", "amelei" }, { "typo", "forest gump" },
	{ "common", "the" }, { "common", "kalo" }, { "common", "mi ren" }, { "common", "love story" },
};
#define NQ	(sizeof(queries) / sizeof(queries[0]))

/* usage: search-p99 [ROUNDS], with the configuration of STREAMIFY_CONFIG (or /etc). */
int
main(int argc, char *argv[])
{
	static const char *const kinds[] = { "exact", "prefix", "typo", "common" };
	const char	*qkind[NQ];
	int		 rounds = argc > 1 ? atoi(argv[1]) : 20, r, nids, rc;
	double		*all, *per, t0;
	size_t		 i, k, nall = 0, nper;
	long long	 ids[20], total;
	struct db	*db;

	if (config_load(getenv("STREAMIFY_CONFIG")) == -1)
		return 1;
	log_set_level(config.log_level);
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "search-p99: no database\n");
		return 1;
	}
	all = calloc(NQ * (size_t)rounds, sizeof(*all));
	per = calloc(NQ * (size_t)rounds, sizeof(*per));
	for (i = 0; i < NQ; i++) {
		rc = db_catalog_search(db, queries[i].q, 0, 20, ids, &nids, &total);
		printf("%-7s %-16s %8lld matches%s\n", queries[i].kind, queries[i].q, total,
		    rc == DB_OK ? "" : " (error)");
	}
	for (r = 0; r < rounds; r++)
		for (i = 0; i < NQ; i++) {
			t0 = timing_now_ms();
			db_catalog_search(db, queries[i].q, 0, 20, ids, &nids, &total);
			all[nall++] = timing_now_ms() - t0;
		}
	for (i = 0; i < NQ; i++) {
		nper = 0;
		for (k = i; k < nall; k += NQ)
			per[nper++] = all[k];
		timing_report(queries[i].q, "searches", per, nper, 2);
	}
	for (i = 0; i < NQ; i++)
		qkind[i] = queries[i].kind;
	timing_report_kinds(kinds, sizeof(kinds) / sizeof(kinds[0]), qkind, NQ, all, nall, per,
	    "searches", 2);
	free(all);
	free(per);
	db_close(db);
	config_free();
	return 0;
}
