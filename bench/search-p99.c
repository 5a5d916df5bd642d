/* search-p99.c: times the search of lib/db_catalog.c against a database: p50 and p99 per query kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "db_catalog.h"
#include "log.h"

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

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *kind, double *t, size_t n)
{
	if (n == 0)
		return;
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%-14s %6zu searches  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", kind, n,
	    t[n / 2], t[(size_t)((double)n * 0.99) < n ? (size_t)((double)n * 0.99) : n - 1],
	    t[n - 1]);
}

/* usage: search-p99 [ROUNDS], with the configuration of STREAMIFY_CONFIG (or /etc). */
int
main(int argc, char *argv[])
{
	static const char *const kinds[] = { "exact", "prefix", "typo", "common" };
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
			t0 = now_ms();
			db_catalog_search(db, queries[i].q, 0, 20, ids, &nids, &total);
			all[nall++] = now_ms() - t0;
		}
	for (i = 0; i < NQ; i++) {
		nper = 0;
		for (k = i; k < nall; k += NQ)
			per[nper++] = all[k];
		report(queries[i].q, per, nper);
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		nper = 0;
		for (i = 0; i < nall; i++)
			if (strcmp(queries[i % NQ].kind, kinds[k]) == 0)
				per[nper++] = all[i];
		report(kinds[k], per, nper);
	}
	report("all", all, nall);
	free(all);
	free(per);
	db_close(db);
	config_free();
	return 0;
}
