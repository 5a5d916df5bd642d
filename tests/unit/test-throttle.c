/* test-throttle.c: the login throttling rules: each rule from the attacker's and the user's side. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "throttle.h"

/* The defaults of lib/config.c. */
static const struct throttle_rules	 rules = { 5, 900, 10, 50, 600 };

START_TEST(delays_grow_and_stop)
{
	ck_assert_int_eq(throttle_delay(0, 10, 600), 0);
	ck_assert_int_eq(throttle_delay(9, 10, 600), 0);
	ck_assert_int_eq(throttle_delay(10, 10, 600), 15);
	ck_assert_int_eq(throttle_delay(11, 10, 600), 30);
	ck_assert_int_eq(throttle_delay(12, 10, 600), 60);
	ck_assert_int_eq(throttle_delay(15, 10, 600), 480);
	ck_assert_int_eq(throttle_delay(16, 10, 600), 600);
	ck_assert_int_eq(throttle_delay(1000000, 10, 600), 600);
	ck_assert_int_eq(throttle_delay(1LL << 62, 0, 86400), 86400);
	ck_assert_int_eq(throttle_delay(3, 3, 5), 5);
}
END_TEST

/* The hard limit binds one account at one address, and only until the window passes. */
START_TEST(pair_limit)
{
	struct throttle_state	 st;

	memset(&st, 0, sizeof(st));
	st.pair_failures = 4;
	st.pair_oldest_age = 1;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	st.pair_failures = 5;
	ck_assert_int_eq(throttle_wait(&st, &rules), 899);
	st.pair_oldest_age = 600.2;
	ck_assert_int_eq(throttle_wait(&st, &rules), 300);
	st.pair_oldest_age = 900;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	/* Known or not: the pair's own failures count (the user mistyping at home). */
	st.known = 1;
	st.pair_oldest_age = 10;
	ck_assert_int_eq(throttle_wait(&st, &rules), 890);
	/* The same account from an address with no failures of its own: no wait. */
	memset(&st, 0, sizeof(st));
	st.account_failures = 5;
	st.account_last_age = 0.5;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
}
END_TEST

/* Failures spread over addresses: growing delays for strangers, none at the user's address. */
START_TEST(account_delays)
{
	struct throttle_state	 st;

	memset(&st, 0, sizeof(st));
	st.account_failures = 9;
	st.account_last_age = 0;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	st.account_failures = 10;
	ck_assert_int_eq(throttle_wait(&st, &rules), 15);
	st.account_last_age = 14.5;
	ck_assert_int_eq(throttle_wait(&st, &rules), 1);
	st.account_last_age = 15;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	st.account_failures = 14;
	st.account_last_age = 40;
	ck_assert_int_eq(throttle_wait(&st, &rules), 200);
	st.account_failures = 500;
	ck_assert_int_eq(throttle_wait(&st, &rules), 560);
	/* The user at an address they logged in from: no delay at all. */
	st.known = 1;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
}
END_TEST

/* Many failures from one address (a NAT): delays for new pairs, none for known users. */
START_TEST(address_delays)
{
	struct throttle_state	 st;

	memset(&st, 0, sizeof(st));
	st.address_failures = 49;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	st.address_failures = 50;
	st.address_last_age = 2;
	ck_assert_int_eq(throttle_wait(&st, &rules), 13);
	st.address_failures = 80;
	ck_assert_int_eq(throttle_wait(&st, &rules), 598);
	st.known = 1;
	ck_assert_int_eq(throttle_wait(&st, &rules), 0);
	/* The longest of the rules wins. */
	st.known = 0;
	st.account_failures = 11;
	st.account_last_age = 0;
	st.address_failures = 50;
	st.address_last_age = 0;
	ck_assert_int_eq(throttle_wait(&st, &rules), 30);
	st.pair_failures = 5;
	st.pair_oldest_age = 0;
	ck_assert_int_eq(throttle_wait(&st, &rules), 900);
}
END_TEST

/*
 * An attacker with endless addresses guesses one account as fast as the
 * rules let them, for a day: never more than a few dozen guesses in any
 * hour. Meanwhile the user, at their known address, is never kept waiting.
 */
START_TEST(guessing_rate_bound)
{
	static double		 fails[4000];
	struct throttle_state	 st;
	double			 t = 0, end = 24 * 3600.0;
	size_t			 n = 0, i, j, worst = 0, in_hour;
	long long		 w;

	while (t < end && n < sizeof(fails) / sizeof(fails[0])) {
		memset(&st, 0, sizeof(st));
		for (i = 0; i < n; i++)
			if (fails[i] > t - THROTTLE_ACCOUNT_WINDOW) {
				st.account_failures++;
				st.account_last_age = t - fails[i];
			}
		/* A fresh address each time: no pair or address failures. */
		if ((w = throttle_wait(&st, &rules)) > 0) {
			t += (double)w;
			continue;
		}
		st.known = 1;
		ck_assert_int_eq(throttle_wait(&st, &rules), 0);
		fails[n++] = t;
		t += 0.5;	/* one scrypt */
	}
	for (i = 0; i < n; i++) {
		for (j = i, in_hour = 0; j < n && fails[j] < fails[i] + 3600; j++)
			in_hour++;
		if (in_hour > worst)
			worst = in_hour;
	}
	ck_assert_msg(worst <= 24, "%zu guesses in one hour", worst);
	ck_assert_msg(n <= 24 * 24, "%zu guesses in a day", n);
	ck_assert_msg(n >= 24 * 5, "only %zu guesses in a day: the rules are stricter than said", n);
}
END_TEST

START_TEST(address_keys)
{
	char	 k[THROTTLE_ADDRESS_MAX];

	ck_assert_str_eq(throttle_address_key("203.0.113.7", k), "203.0.113.7");
	ck_assert_str_eq(throttle_address_key("2001:db8:1:2:3:4:5:6", k), "2001:db8:1:2::/64");
	ck_assert_str_eq(throttle_address_key("2001:DB8:1:2::ffff", k), "2001:db8:1:2::/64");
	ck_assert_str_eq(throttle_address_key("::ffff:192.0.2.1", k), "192.0.2.1");
	ck_assert_str_eq(throttle_address_key("::1", k), "::/64");
	ck_assert_str_eq(throttle_address_key(NULL, k), "");
	ck_assert_str_eq(throttle_address_key("unix:", k), "unix:");
	ck_assert_str_eq(throttle_address_key("not:an:address", k), "not:an:address");
	ck_assert_str_eq(throttle_address_key("b\xc3\xa4" "d host", k), "b??d?host");
	throttle_address_key("0123456789012345678901234567890123456789012345678901234567890123456789",
	    k);
	ck_assert_uint_eq(strlen(k), THROTTLE_ADDRESS_MAX - 1);
}
END_TEST

CHECK_MAIN("throttle", delays_grow_and_stop, pair_limit, account_delays, address_delays,
    guessing_rate_bound, address_keys)
