/* timing.h: the percentiles the bench programs print (bench/search-p99.c, bench/suggest-p99.c). */
#ifndef STREAMIFY_BENCH_TIMING_H
#define STREAMIFY_BENCH_TIMING_H

#include <stddef.h>

/* Milliseconds on the monotonic clock. */
double	timing_now_ms(void);

/*
 * Sort t[0..n) and print one line: label, n and what was timed, p50, p99
 * and the maximum in milliseconds with decimals places. Nothing when n is 0.
 */
void	timing_report(const char *label, const char *what, double *t, size_t n, int decimals);

/*
 * The times all[0..nall) of rounds over nq queries (all[j] is query j % nq),
 * reported per kind: for each of kinds[0..nkinds), the times of the queries
 * whose kind[i] it is, then "all". scratch holds nall doubles.
 */
void	timing_report_kinds(const char *const *kinds, size_t nkinds, const char *const *kind,
	    size_t nq, double *all, size_t nall, double *scratch, const char *what, int decimals);

#endif
