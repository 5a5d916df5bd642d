/* throttle.h: when a login may be tried again: the rules of failed-login throttling (pure, no I/O). */
#ifndef STREAMIFY_THROTTLE_H
#define STREAMIFY_THROTTLE_H

#include <stddef.h>

#define THROTTLE_ACCOUNT_WINDOW	3600	/* seconds over which an account's failures add up */
#define THROTTLE_DELAY_BASE	15	/* seconds: the first delay, doubled by each failure after */
#define THROTTLE_ADDRESS_MAX	64	/* bytes of an address key, NUL included */

/*
 * The rules. Failures are counted per account (a user, or a login name that
 * is no user) and client address:
 *   pair_max        failures of one account from one address within window:
 *                   that pair waits until the oldest of them leaves the
 *                   window (the only hard limit, and it binds that pair only);
 *   account_free    failures of one account from all addresses within
 *                   THROTTLE_ACCOUNT_WINDOW before each further try waits
 *                   THROTTLE_DELAY_BASE * 2^(failures - account_free) seconds
 *                   (at most delay_max) after the account's newest failure;
 *   address_free    failures from one address, all accounts, within window
 *                   before the same growing delays apply to that address.
 * The two delays do not apply where the account has logged in before
 * (known): a stranger's failures never keep a user out of their own
 * account from their own address, nor a noisy neighbour behind a NAT.
 */
struct throttle_rules {
	long long	 pair_max;
	long long	 window;
	long long	 account_free;
	long long	 address_free;
	long long	 delay_max;
};

/* What the store says about one login attempt, read before the password is checked. */
struct throttle_state {
	long long	 pair_failures;		/* this account from this address, within window */
	double		 pair_oldest_age;	/* seconds since the pair_max-th newest of them */
	long long	 account_failures;	/* this account, all addresses, in THROTTLE_ACCOUNT_WINDOW */
	double		 account_last_age;	/* seconds since its newest failure */
	long long	 address_failures;	/* this address, all accounts, within window */
	double		 address_last_age;	/* seconds since its newest failure */
	int		 known;			/* the account logged in from this address lately */
};

/*
 * The delay in whole seconds before the next failure of a series of n
 * failures may be made, with allowed failures free of delay:
 * 0 while n < allowed, else THROTTLE_DELAY_BASE * 2^(n - allowed), at most max.
 */
long long	throttle_delay(long long n, long long allowed, long long max);

/*
 * Whether the attempt described by st may go ahead: 0, or the seconds the
 * client must wait first (for Retry-After, at least 1), the longest that
 * any rule asks for.
 */
long long	throttle_wait(const struct throttle_state *st, const struct throttle_rules *rules);

/*
 * The key of a client address for counting failures into out
 * (THROTTLE_ADDRESS_MAX bytes): an IPv4 address as it is (an IPv4-mapped
 * IPv6 one as IPv4), an IPv6 address as its /64 network ("2001:db8:1:2::/64",
 * since one client usually holds a whole /64), anything else (NULL, a unix
 * socket) cut to fit, with bytes outside printable ASCII as '?'. Returns out.
 */
char		*throttle_address_key(const char *addr, char *out);

#endif
