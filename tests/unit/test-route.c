/* test-route.c: the route lookup: found, 404, 405 with Allow, {id} rules. */
#include <string.h>

#include "check_main.h"
#include "route.h"

static int h(struct req *r, struct resp *w) { (void)r; (void)w; return 200; }

static const struct route table[] = {
	{ "GET", "/movies", h, AUTH_NONE, NULL, 0 },
	{ "GET", "/movies/popular", h, AUTH_NONE, NULL, 0 },
	{ "GET", "/movies/{id}", h, AUTH_NONE, NULL, 0 },
	{ "POST", "/watchlist/{id}", h, AUTH_NONE, NULL, 0 },
	{ "DELETE", "/watchlist/{id}", h, AUTH_NONE, NULL, 0 },
	{ "POST", "/notifications/{id}/read", h, AUTH_NONE, NULL, 0 },
};
#define N (sizeof(table) / sizeof(table[0]))

START_TEST(found_with_ids)
{
	long long	 ids[ROUTE_MAX_IDS];
	char		 allow[64];
	size_t		 idx;

	ck_assert_int_eq(route_lookup(table, N, "GET", "/movies/42", &idx, ids, allow,
	    sizeof(allow)), ROUTE_FOUND);
	ck_assert_uint_eq(idx, 2);
	ck_assert_int_eq(ids[0], 42);
	ck_assert_int_eq(route_lookup(table, N, "GET", "/movies/popular", &idx, ids, allow,
	    sizeof(allow)), ROUTE_FOUND);
	ck_assert_uint_eq(idx, 1);
	ck_assert_int_eq(route_lookup(table, N, "POST", "/notifications/7/read", &idx, ids,
	    allow, sizeof(allow)), ROUTE_FOUND);
	ck_assert_int_eq(ids[0], 7);
	ck_assert_int_eq(route_lookup(table, N, "HEAD", "/movies", &idx, ids, allow,
	    sizeof(allow)), ROUTE_FOUND);
}
END_TEST

START_TEST(not_found)
{
	long long	 ids[ROUTE_MAX_IDS];
	char		 allow[64];
	size_t		 idx;
	const char	*bad[] = { "/movies/0", "/movies/007", "/movies/-1", "/movies/abc",
	    "/movies/1x", "/movies/1234567890123456789", "/movie", "/movies/1/2", "/" };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(route_lookup(table, N, "GET", bad[i], &idx, ids, allow,
		    sizeof(allow)) == ROUTE_NOT_FOUND, "%s should be 404", bad[i]);
}
END_TEST

START_TEST(bad_method_lists_allow)
{
	long long	 ids[ROUTE_MAX_IDS];
	char		 allow[64];
	size_t		 idx;

	ck_assert_int_eq(route_lookup(table, N, "PUT", "/watchlist/3", &idx, ids, allow,
	    sizeof(allow)), ROUTE_BAD_METHOD);
	ck_assert_str_eq(allow, "POST, DELETE, OPTIONS");
	ck_assert_int_eq(route_lookup(table, N, "DELETE", "/movies", &idx, ids, allow,
	    sizeof(allow)), ROUTE_BAD_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD, OPTIONS");
}
END_TEST

/* OPTIONS matches no row but answers for every path that exists. */
START_TEST(options_lists_allow)
{
	long long	 ids[ROUTE_MAX_IDS];
	char		 allow[64];
	size_t		 idx = 99;

	ck_assert_int_eq(route_lookup(table, N, "OPTIONS", "/watchlist/3", &idx, ids, allow,
	    sizeof(allow)), ROUTE_OPTIONS);
	ck_assert_str_eq(allow, "POST, DELETE, OPTIONS");
	ck_assert_uint_eq(idx, 3);
	ck_assert_int_eq(route_lookup(table, N, "OPTIONS", "/movies/7", &idx, ids, allow,
	    sizeof(allow)), ROUTE_OPTIONS);
	ck_assert_str_eq(allow, "GET, HEAD, OPTIONS");
	ck_assert_int_eq(route_lookup(table, N, "OPTIONS", "/nothing", &idx, ids, allow,
	    sizeof(allow)), ROUTE_NOT_FOUND);
	ck_assert_str_eq(allow, "");
}
END_TEST

/* A path whose first row has another method: the found row leaves no Allow behind. */
START_TEST(found_leaves_no_allow)
{
	long long	 ids[ROUTE_MAX_IDS];
	char		 allow[64];
	size_t		 idx;

	ck_assert_int_eq(route_lookup(table, N, "DELETE", "/watchlist/3", &idx, ids, allow,
	    sizeof(allow)), ROUTE_FOUND);
	ck_assert_uint_eq(idx, 4);
	ck_assert_str_eq(allow, "");
}
END_TEST

CHECK_MAIN("route", found_with_ids, not_found, bad_method_lists_allow, options_lists_allow,
    found_leaves_no_allow)
