/* clock.h: the monotonic clock (it never goes back), in the unit each caller counts in. */
#ifndef STREAMIFY_CLOCK_H
#define STREAMIFY_CLOCK_H

long long	 clock_ns(void);	/* nanoseconds since an arbitrary start */
long long	 clock_us(void);	/* the same in microseconds */
double		 clock_s(void);		/* the same in seconds */

#endif
