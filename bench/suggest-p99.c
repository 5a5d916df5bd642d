/* suggest-p99.c: times the completions of lib/suggest.c on the active dictionary of a database: load, p50 and p99 per query kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "timing.h"
#include "suggest.h"

#define MADE	200	/* queries made from the dictionary's own keys, per kind */

/* Real titles and names being typed, with typos, and genres (the synthetic catalog has them). */
static const struct {
	const char	*kind, *q;
} fixed[] = {
	{ "typed", "the godf" }, { "typed", "star w" }, { "typed", "jur" }, { "typed", "toy st" },
	{ "typed", "spider" }, { "typed", "the matr" }, { "typed", "pulp f" }, { "typed", "schindl" },
	{ "typo", "godfater" }, { "typo", "jurasic park" }, { "typo", "termintor" },
	{ "typo", "pulp fictoin" }, { "typo", "forest gump" }, { "typo", "spidre man" },
	{ "genre", "com" }, { "genre", "sci" }, { "genre", "science fi" }, { "genre", "thril" },
	{ "short", "a" }, { "short", "s" }, { "short", "th" }, { "short", "ka" },
};
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

struct query {
	char	 kind[8];
	char	 q[96];
};

/*
 * Queries from the dictionary's own first keys (loaded in keys[]): prefixes
 * of 1, 2, 3, 5, 8 and 12 bytes ("prefix"), and the key with a word of five
 * letters or more missing a letter or with two swapped ("typo").
 */
static size_t
make_queries(char **keys, size_t nkeys, struct query *q, size_t n)
{
	size_t		 i, len, w;
	const char	*k;
	unsigned	 seed = 7;

	static const size_t	 plen[] = { 1, 2, 3, 5, 8, 12 };

	for (i = 0; i < MADE && nkeys > 0; i++) {
		k = keys[(seed = seed * 1103515245 + 12345) % nkeys];
		len = strlen(k);
		snprintf(q[n].kind, sizeof(q[n].kind), "prefix");
		snprintf(q[n].q, sizeof(q[n].q), "%.*s", (int)(len < plen[i % 6] ? len : plen[i % 6]), k);
		n++;
		/* a typo in the first word of five letters or more */
		for (w = 0; k[w] != '\0'; ) {
			len = strcspn(k + w, " ");
			if (len >= 5)
				break;
			w += len + (k[w + len] == ' ');
		}
		if (k[w] == '\0')
			continue;
		snprintf(q[n].kind, sizeof(q[n].kind), "typo");
		snprintf(q[n].q, sizeof(q[n].q), "%s", k);
		if (i % 2)	/* drop a letter */
			memmove(q[n].q + w + 2, q[n].q + w + 3, strlen(q[n].q + w + 3) + 1);
		else {		/* swap two */
			char	 c = q[n].q[w + 1];

			q[n].q[w + 1] = q[n].q[w + 2];
			q[n].q[w + 2] = c;
		}
		n++;
	}
	return n;
}

/* usage: suggest-p99 [ROUNDS], with the configuration of STREAMIFY_CONFIG (or /etc). */
int
main(int argc, char *argv[])
{
	static const char *const kinds[] = { "prefix", "typed", "typo", "genre", "short" };
	struct suggest_index	*ix;
	struct suggest_hit	 hits[SUGGEST_MAX];
	struct query		*q;
	struct db_res		*res = NULL;
	struct db		*db;
	char			**keys;
	const char		**qkind;
	double			*all, *per, t0, load;
	size_t			 i, nall = 0, nq = 0, nkeys = 0, found = 0;
	long long		 gen = 0;
	int			 rounds = argc > 1 ? atoi(argv[1]) : 20, r;

	if (config_load(getenv("STREAMIFY_CONFIG")) == -1)
		return 1;
	log_set_level(config.log_level);
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "suggest-p99: no database\n");
		return 1;
	}
	if (db_exec(db, STMT_SUGGEST_ACTIVE, &res, "") != DB_OK || db_next(res) != 1) {
		fprintf(stderr, "suggest-p99: no dictionary (run streamify-batch suggest)\n");
		return 1;
	}
	gen = db_int(res, 0);
	db_res_free(res);
	/* The load, as a worker does it (cgi-bin/h_suggest.c). */
	t0 = timing_now_ms();
	ix = suggest_new();
	keys = calloc(1 << 21, sizeof(*keys));
	if (db_exec(db, STMT_SUGGEST_LOAD, &res, "i", gen) != DB_OK)
		return 1;
	while (db_next(res) == 1) {
		suggest_add(ix, (enum suggest_kind)db_int(res, 0), db_int(res, 1), db_double(res, 2),
		    db_str(res, 3), db_str(res, 4));
		if (nkeys < (1 << 21) && db_int(res, 0) != SUGGEST_GENRE)
			keys[nkeys++] = strndup(db_str(res, 4), strcspn(db_str(res, 4), "|"));
	}
	db_res_free(res);
	suggest_finish(ix);
	load = timing_now_ms() - t0;
	printf("dictionary: generation %lld, %zu entries, %zu keys, %zu MiB in memory, loaded in "
	    "%.0f ms\n", gen, suggest_entries(ix), suggest_nkeys(ix), suggest_bytes(ix) >> 20, load);

	q = calloc(NFIXED + 2 * MADE, sizeof(*q));
	for (i = 0; i < NFIXED; i++) {
		snprintf(q[nq].kind, sizeof(q[nq].kind), "%s", fixed[i].kind);
		snprintf(q[nq].q, sizeof(q[nq].q), "%s", fixed[i].q);
		nq++;
	}
	nq = make_queries(keys, nkeys, q, nq);
	for (i = 0; i < NFIXED; i++) {
		size_t	 n = suggest_lookup(ix, q[i].q, hits, SUGGEST_MAX);

		printf("%-7s %-14s %2zu: %s%s\n", q[i].kind, q[i].q, n, n ? hits[0].text : "",
		    n > 1 ? ", ..." : "");
	}
	all = calloc(nq * (size_t)rounds, sizeof(*all));
	per = calloc(nq * (size_t)rounds, sizeof(*per));
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nq; i++) {
			t0 = timing_now_ms();
			found += suggest_lookup(ix, q[i].q, hits, SUGGEST_MAX) > 0;
			all[nall++] = timing_now_ms() - t0;
		}
	printf("%zu queries x %d rounds, %.0f%% with completions\n", nq, rounds,
	    100.0 * (double)found / (double)nall);
	if ((qkind = calloc(nq, sizeof(*qkind))) == NULL)
		return 1;
	for (i = 0; i < nq; i++)
		qkind[i] = q[i].kind;
	timing_report_kinds(kinds, sizeof(kinds) / sizeof(kinds[0]), qkind, nq, all, nall, per,
	    "lookups", 3);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(all);
	free(per);
	free(q);
	free(qkind);
	suggest_free(ix);
	db_close(db);
	config_free();
	return 0;
}
