/* throttle.c: when a login may be tried again: the rules of failed-login throttling (pure, no I/O). */
#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "throttle.h"

long long
throttle_delay(long long n, long long allowed, long long max)
{
	long long	 d = THROTTLE_DELAY_BASE;
	long long	 k;

	if (n < allowed)
		return 0;
	for (k = n - allowed; k > 0 && d < max; k--)
		d *= 2;
	return d < max ? d : max;
}

/* Seconds left of a wait of need seconds begun age seconds ago (0 when over). */
static long long
left(double need, double age)
{
	double	 s = need - age;

	return s > 0 ? (long long)ceil(s) : 0;
}

long long
throttle_wait(const struct throttle_state *st, const struct throttle_rules *rules)
{
	long long	 wait = 0, w;

	if (st->pair_failures >= rules->pair_max &&
	    (w = left((double)rules->window, st->pair_oldest_age)) > wait)
		wait = w;
	if (!st->known) {
		w = left((double)throttle_delay(st->account_failures, rules->account_free,
		    rules->delay_max), st->account_last_age);
		if (w > wait)
			wait = w;
		w = left((double)throttle_delay(st->address_failures, rules->address_free,
		    rules->delay_max), st->address_last_age);
		if (w > wait)
			wait = w;
	}
	return wait;
}

char *
throttle_address_key(const char *addr, char *out)
{
	unsigned char	 a[16];
	char		 text[INET6_ADDRSTRLEN];
	size_t		 i;

	if (addr == NULL)
		addr = "";
	if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, a) == 1) {
		static const unsigned char	 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		    0xff, 0xff };

		if (memcmp(a, mapped, sizeof(mapped)) == 0 &&
		    inet_ntop(AF_INET, a + 12, text, sizeof(text)) != NULL) {
			snprintf(out, THROTTLE_ADDRESS_MAX, "%s", text);
			return out;
		}
		memset(a + 8, 0, 8);
		if (inet_ntop(AF_INET6, a, text, sizeof(text)) != NULL) {
			snprintf(out, THROTTLE_ADDRESS_MAX, "%s/64", text);
			return out;
		}
	}
	/* Not an address: kept, but as printable ASCII (the column is ASCII). */
	snprintf(out, THROTTLE_ADDRESS_MAX, "%s", addr);
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] < 0x21 || (unsigned char)out[i] > 0x7e)
			out[i] = '?';
	return out;
}
