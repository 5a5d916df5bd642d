/* test-password.c: scrypt hashes, their format, rehash decisions and the Werkzeug vectors. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "password.h"
#include "../vectors/werkzeug.h"

static const struct password_cost cost = { 15, 8, 3 };

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

START_TEST(hash_and_verify)
{
	char	 h[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	int	 rehash = -1;
	double	 t0, t1;

	t0 = now_s();
	ck_assert_int_eq(password_hash("correct horse 1", &cost, h), 0);
	t1 = now_s();
	/* The figure docs/accounts.md quotes. */
	printf("# one scrypt hash at N=2^15, r=8, p=3: %.0f ms\n", (t1 - t0) * 1000);
	ck_assert_msg(strncmp(h, "scrypt:32768:8:3$", 17) == 0, "format: %s", h);
	ck_assert_int_eq(strlen(h), 17 + 22 + 1 + 128);
	ck_assert_int_eq(password_verify("correct horse 1", h, &cost, &rehash), PASSWORD_OK);
	ck_assert_int_eq(rehash, 0);
	ck_assert_int_eq(password_verify("correct horse 2", h, &cost, &rehash), PASSWORD_MISMATCH);
	ck_assert_int_eq(password_verify("", h, &cost, &rehash), PASSWORD_MISMATCH);
	/* Salted: the same password never gives the same hash. */
	ck_assert_int_eq(password_hash("correct horse 1", &cost, h2), 0);
	ck_assert_str_ne(h, h2);
}
END_TEST

START_TEST(werkzeug)
{
	size_t	 i;
	int	 rehash;

	for (i = 0; i < sizeof(werkzeug_vectors) / sizeof(werkzeug_vectors[0]); i++) {
		rehash = 0;
		ck_assert_int_eq(password_verify(werkzeug_vectors[i].password,
		    werkzeug_vectors[i].stored, &cost, &rehash), PASSWORD_OK);
		/* Every one of them is weaker than p=3 or not scrypt: rehashed on login. */
		ck_assert_int_eq(rehash, 1);
		ck_assert_int_eq(password_verify("wrong password", werkzeug_vectors[i].stored,
		    &cost, &rehash), PASSWORD_MISMATCH);
	}
}
END_TEST

START_TEST(rehash_rules)
{
	struct password_cost	 low = { 15, 8, 1 }, high = { 16, 8, 3 };
	char			 h[PASSWORD_HASH_MAX];
	int			 rehash;

	ck_assert_int_eq(password_hash("pw for rehash", &low, h), 0);
	ck_assert_int_eq(password_verify("pw for rehash", h, &cost, &rehash), PASSWORD_OK);
	ck_assert_int_eq(rehash, 1);			/* p 1 < 3 */
	ck_assert_int_eq(password_hash("pw for rehash", &cost, h), 0);
	ck_assert_int_eq(password_verify("pw for rehash", h, &high, &rehash), PASSWORD_OK);
	ck_assert_int_eq(rehash, 1);			/* N 2^15 < 2^16 */
	ck_assert_int_eq(password_verify("pw for rehash", h, &low, &rehash), PASSWORD_OK);
	ck_assert_int_eq(rehash, 0);			/* stronger than asked: kept */
	/* A wrong password never asks for a rehash. */
	ck_assert_int_eq(password_verify("nope", h, &high, &rehash), PASSWORD_MISMATCH);
	ck_assert_int_eq(rehash, 0);
}
END_TEST

START_TEST(malformed)
{
	const char	*bad[] = {
		"",
		"plain text password",
		"md5$abc$900150983cd24fb0d6963f7d28e17f72",
		"scrypt:32768:8:1$salt",				/* no hex */
		"scrypt:32768:8:1$$00",					/* no salt */
		"scrypt:32767:8:1$salt$00",				/* N not a power of 2 */
		"scrypt:32768:8$salt$00",				/* no p */
		"scrypt:32768:8:1$salt$zz",				/* not hex */
		"scrypt:32768:8:1$salt$0011",				/* wrong length */
		"scrypt:16777216:64:64$salt$00",			/* memory too large */
		"scrypt:32768:8:1$a$b$c",				/* too many parts */
		"pbkdf2:sha1:1000$salt$00",				/* not sha256 */
		"pbkdf2:sha256:0$salt$00",				/* no iterations */
		"pbkdf2:sha256:99999999999$salt$00",			/* too many */
		"pbkdf2:sha256:-5$salt$00",
	};
	size_t		 i;
	int		 rehash;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(password_verify("x", bad[i], &cost, &rehash) == PASSWORD_MALFORMED,
		    "accepted %s", bad[i]);
	ck_assert_int_eq(password_verify("x", NULL, &cost, &rehash), PASSWORD_MALFORMED);
}
END_TEST

START_TEST(dummy_costs_the_same)
{
	char	 h[PASSWORD_HASH_MAX];
	int	 rehash, i;
	double	 t0, verify = 1e9, dummy = 1e9;

	ck_assert_int_eq(password_hash("timing pw", &cost, h), 0);
	/* The best of two runs each, so that the machine's other load matters less. */
	for (i = 0; i < 2; i++) {
		t0 = now_s();
		ck_assert_int_eq(password_verify("wrong pw", h, &cost, &rehash), PASSWORD_MISMATCH);
		if (now_s() - t0 < verify)
			verify = now_s() - t0;
		t0 = now_s();
		ck_assert_int_eq(password_dummy("wrong pw", &cost), PASSWORD_MISMATCH);
		if (now_s() - t0 < dummy)
			dummy = now_s() - t0;
	}
	printf("# verify %.0f ms, unknown-user dummy %.0f ms\n", verify * 1000, dummy * 1000);
	/* Same work: within a factor of two either way. */
	ck_assert(dummy > verify / 2 && dummy < verify * 2);
}
END_TEST

CHECK_MAIN("password", hash_and_verify, werkzeug, rehash_rules, malformed, dummy_costs_the_same)
