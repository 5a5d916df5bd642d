/* tap.h: a small TAP producer for the test programs (automake's tap-driver reads it). */
#ifndef STREAMIFY_TAP_H
#define STREAMIFY_TAP_H

/* Record one case: prints "ok N - name" or "not ok N - name". Returns cond. */
int	ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Compare and record, printing what was got and expected on failure. */
int	is_int(long long got, long long expected, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	is_str(const char *got, const char *expected, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	is_num(double got, double expected, double tolerance, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* A diagnostic line ("# ..."). */
void	diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Record n skipped cases with a reason. */
void	skip(int n, const char *reason);

/* Skip the whole program (prints "1..0 # SKIP reason") and exit 0. */
void	skip_all(const char *reason) __attribute__((noreturn));

/* Stop on a broken precondition: "Bail out!" and exit 1. */
void	bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Print the plan "1..N" and return the exit status (0 when every case passed). */
int	done_testing(void);

#endif
