/* test-rcache.c: the worker's memory of anonymous answers: hits, versions, replacement, bounds. */
#include <string.h>

#include "check_main.h"
#include "rcache.h"

START_TEST(hit_and_version)
{
	struct rcache	*c = rcache_new(64, 100);
	const char	*b;
	size_t		 len = 0;

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(rcache_get(c, "/api/movies/1", 1, &len));
	rcache_put(c, "/api/movies/1", 1, "{\"a\":1}", 7);
	ck_assert_ptr_nonnull(b = rcache_get(c, "/api/movies/1", 1, &len));
	ck_assert_uint_eq(len, 7);
	ck_assert_str_eq(b, "{\"a\":1}");
	/* Another catalog version: the answer is stale. */
	ck_assert_ptr_null(rcache_get(c, "/api/movies/1", 2, &len));
	ck_assert_ptr_null(rcache_get(c, "/api/movies/2", 1, &len));
	rcache_put(c, "/api/movies/1", 2, "{\"a\":2}", 7);
	ck_assert_str_eq(rcache_get(c, "/api/movies/1", 2, &len), "{\"a\":2}");
	rcache_free(c);
}
END_TEST

START_TEST(bounds)
{
	struct rcache	*c = rcache_new(1, 10);
	size_t		 len;

	ck_assert_ptr_null(rcache_new(0, 10));
	rcache_put(NULL, "k", 1, "x", 1);
	ck_assert_ptr_null(rcache_get(NULL, "k", 1, &len));
	rcache_free(NULL);
	rcache_put(c, "big", 1, "01234567890", 11);
	ck_assert_ptr_null(rcache_get(c, "big", 1, &len));
	/* One slot: a second key takes it over. */
	rcache_put(c, "a", 1, "A", 1);
	rcache_put(c, "b", 1, "B", 1);
	ck_assert_ptr_null(rcache_get(c, "a", 1, &len));
	ck_assert_str_eq(rcache_get(c, "b", 1, &len), "B");
	rcache_free(c);
}
END_TEST

CHECK_MAIN("rcache", hit_and_version, bounds)
