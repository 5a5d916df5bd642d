/* clock.c: the monotonic clock (it never goes back), in the unit each caller counts in. */
#include <time.h>

#include "clock.h"

long long
clock_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long
clock_us(void)
{
	return clock_ns() / 1000;
}

double
clock_s(void)
{
	return (double)clock_ns() / 1e9;
}
