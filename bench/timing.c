/* timing.c: the percentiles the bench programs print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "timing.h"

double
timing_now_ms(void)
{
	return (double)clock_ns() / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void
timing_report(const char *label, const char *what, double *t, size_t n, int decimals)
{
	size_t	 p99 = (size_t)((double)n * 0.99);

	if (n == 0)
		return;
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%-14s %7zu %s  p50 %7.*f ms  p99 %7.*f ms  max %7.*f ms\n", label, n, what,
	    decimals, t[n / 2], decimals, t[p99 < n ? p99 : n - 1], decimals, t[n - 1]);
}

void
timing_report_kinds(const char *const *kinds, size_t nkinds, const char *const *kind,
    size_t nq, double *all, size_t nall, double *scratch, const char *what, int decimals)
{
	size_t	 k, i, n;

	for (k = 0; k < nkinds; k++) {
		n = 0;
		for (i = 0; i < nall; i++)
			if (strcmp(kind[i % nq], kinds[k]) == 0)
				scratch[n++] = all[i];
		timing_report(kinds[k], what, scratch, n, decimals);
	}
	timing_report("all", what, all, nall, decimals);
}
