/* tap.c: a small TAP producer for the test programs (automake's tap-driver reads it). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int	 ntests, nfailed;

static int
vok(int cond, const char *fmt, va_list ap)
{
	ntests++;
	if (!cond)
		nfailed++;
	printf("%sok %d - ", cond ? "" : "not ", ntests);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

int
ok(int cond, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vok(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int
is_int(long long got, long long expected, const char *fmt, ...)
{
	va_list	 ap;
	int	 cond = got == expected;

	va_start(ap, fmt);
	vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got: %lld\n#   expected: %lld\n", got, expected);
	return cond;
}

int
is_str(const char *got, const char *expected, const char *fmt, ...)
{
	va_list	 ap;
	int	 cond;

	cond = (got == NULL && expected == NULL) ||
	    (got != NULL && expected != NULL && strcmp(got, expected) == 0);
	va_start(ap, fmt);
	vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got: %s%s%s\n#   expected: %s%s%s\n", got ? "\"" : "",
		    got ? got : "NULL", got ? "\"" : "", expected ? "\"" : "",
		    expected ? expected : "NULL", expected ? "\"" : "");
	return cond;
}

int
is_num(double got, double expected, double tol, const char *fmt, ...)
{
	va_list	 ap;
	int	 cond = fabs(got - expected) <= tol;

	va_start(ap, fmt);
	vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got: %.10g\n#   expected: %.10g (+- %g)\n", got, expected, tol);
	return cond;
}

void
diag(const char *fmt, ...)
{
	va_list	 ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void
skip(int n, const char *reason)
{
	while (n-- > 0)
		printf("ok %d # SKIP %s\n", ++ntests, reason);
	fflush(stdout);
}

void
skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	exit(0);
}

void
bail(const char *fmt, ...)
{
	va_list	 ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

int
done_testing(void)
{
	printf("1..%d\n", ntests);
	return nfailed == 0 && ntests > 0 ? 0 : 1;
}
