/* recs-bench.c: times the recommendation core on a synthetic catalog and event log (no database). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "recommend.h"

/*
 * usage: bench/recs-bench MOVIES EVENTS [THREADS]
 * A catalog shaped like TMDB's: 3 genres of 20, 5 keywords of 20,000
 * (Zipf-like), 5 cast of MOVIES / 2 people, 1 director of MOVIES / 7, 1
 * language of 30 (most English), 1 decade of 12; EVENTS positive events of
 * EVENTS / 20 users on Zipf-like movie popularity. Prints the time of each
 * step of streamify-batch similar's computation and the peak RSS.
 */

static uint64_t	 rng = 88172645463325252ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A Zipf-like draw in [0, n): low numbers far more often. */
static uint32_t
zipf(uint32_t n)
{
	double	 u = (double)(next() >> 11) / 9007199254740992.0;

	return (uint32_t)((double)n * u * u * u) % n;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct rec_csr		 feats, iu;
	struct rec_nbrs		 content, cf, ease, erank, blend, rank;
	struct rec_content_opts	 co = { 50, REC_MAX_POSTINGS, REC_COMMON_CAP, 2 };
	struct rec_cf_opts	 fo = { 50, 10, 0.5, REC_MAX_USER_ITEMS, 2 };
	struct rec_ease_opts	 eo;
	struct rusage		 ru;
	uint32_t		*r, *c, *nusers, nm, nu, i, j;
	float			*v;
	size_t			 nev, n = 0, cap;
	double			 t, t0;

	if (argc < 3) {
		fprintf(stderr, "usage: recs-bench MOVIES EVENTS [THREADS]\n");
		return 2;
	}
	nm = (uint32_t)atol(argv[1]);
	nev = (size_t)atol(argv[2]);
	rec_ease_defaults(&eo, 50);
	if (argc > 3)
		co.threads = fo.threads = atoi(argv[3]);
	nu = (uint32_t)(nev / 20 + 1);
	cap = (size_t)nm * 16 + nev;
	r = malloc(cap * sizeof(*r));
	c = malloc(cap * sizeof(*c));
	v = malloc(cap * sizeof(*v));
	nusers = calloc(nm, sizeof(*nusers));
	if (r == NULL || c == NULL || v == NULL || nusers == NULL)
		return 1;
	/* Features: column ranges per group. */
	for (i = 0; i < nm; i++) {
		for (j = 0; j < 3; j++) {
			r[n] = i; c[n] = zipf(20); v[n++] = 1.0f;
		}
		for (j = 0; j < 5; j++) {
			r[n] = i; c[n] = 20 + zipf(20000); v[n++] = 1.0f;
		}
		for (j = 0; j < 5; j++) {
			r[n] = i; c[n] = 20020 + (uint32_t)(next() % (nm / 2 + 1)); v[n++] = 0.8f;
		}
		r[n] = i; c[n] = 20020 + nm / 2 + 1 + (uint32_t)(next() % (nm / 7 + 1)); v[n++] = 1.2f;
		r[n] = i; c[n] = 20020 + nm / 2 + nm / 7 + 2 + zipf(30); v[n++] = 0.3f;
		r[n] = i; c[n] = 20020 + nm / 2 + nm / 7 + 32 + zipf(12); v[n++] = 0.3f;
	}
	t0 = now();
	if (rec_csr_build(&feats, nm, 20020 + nm / 2 + nm / 7 + 44, r, c, v, n) == -1)
		return 1;
	/* Events: (movie, user). */
	for (n = 0; n < nev; n++) {
		r[n] = zipf(nm);
		c[n] = (uint32_t)(next() % nu);
	}
	if (rec_csr_build(&iu, nm, nu, r, c, NULL, nev) == -1)
		return 1;
	for (i = 0; i < nm; i++)
		nusers[i] = (uint32_t)(iu.ptr[i + 1] - iu.ptr[i]);
	free(r);
	free(c);
	free(v);
	printf("recs-bench: %u movies (%zu features set), %zu events of %u users, %d threads\n",
	    nm, feats.ptr[nm], iu.ptr[nm], nu, co.threads);
	t = now();
	if (rec_content(&feats, &co, &content) == -1)
		return 1;
	printf("  content        %7.2f s\n", now() - t);
	t = now();
	if (rec_cf(&iu, &fo, &cf) == -1)
		return 1;
	printf("  item cosine    %7.2f s\n", now() - t);
	t = now();
	if (rec_ease(&iu, &eo, &ease, &erank) == -1)
		return 1;
	rec_nbrs_overlay(&cf, &ease);
	printf("  EASE (up to %d items) %6.2f s\n", REC_EASE_ITEMS, now() - t);
	t = now();
	if (rec_blend(&content, &cf, nusers, 3, 50, &blend) == -1 ||
	    rec_rank_lists(&blend, &erank, REC_SIMILAR_RANKED, REC_SIMILAR_WEIGHT,
	    &rank) == -1)
		return 1;
	printf("  blend          %7.2f s\n", now() - t);
	getrusage(RUSAGE_SELF, &ru);
	printf("  total          %7.2f s, peak RSS %.0f MiB\n", now() - t0, ru.ru_maxrss / 1024.0);
	rec_nbrs_free(&content);
	rec_nbrs_free(&cf);
	rec_nbrs_free(&ease);
	rec_nbrs_free(&erank);
	rec_nbrs_free(&blend);
	rec_nbrs_free(&rank);
	rec_csr_free(&feats);
	rec_csr_free(&iu);
	free(nusers);
	return 0;
}
