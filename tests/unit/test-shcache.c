/* test-shcache.c: the shared answer memory: hits, versions, size classes, sharing across fork. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "shcache.h"

/* 4 MiB of memory, made once (a second call keeps the first). */
static void
setup(void)
{
	ck_assert_int_eq(shcache_init(4u << 20), 0);
	ck_assert(shcache_enabled());
}

START_TEST(hit_and_versions)
{
	char	*b;
	size_t	 n;

	setup();
	shcache_put("/api/movies/1", 7, "{\"a\":1}", 7);
	ck_assert_int_eq(shcache_get("/api/movies/1", 7, &b, &n), 1);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq(b, "{\"a\":1}");
	free(b);
	ck_assert_int_eq(shcache_get("/api/movies/1", 8, &b, &n), 0);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(shcache_get("/api/movies/2", 7, &b, &n), 0);
}
END_TEST

START_TEST(replace_and_sizes)
{
	char	*big, *b;
	size_t	 n, sizes[] = { 100, 10 * 1024, 100 * 1024, 300 * 1024 }, i;
	char	 key[32];

	setup();
	shcache_put("/k", 1, "old", 3);
	shcache_put("/k", 2, "new", 3);
	ck_assert_int_eq(shcache_get("/k", 2, &b, &n), 1);
	ck_assert_str_eq(b, "new");
	free(b);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		big = malloc(sizes[i]);
		memset(big, 'a' + (int)i, sizes[i]);
		snprintf(key, sizeof(key), "/size/%zu", i);
		shcache_put(key, 1, big, sizes[i]);
		/* Up to the largest class (256 KiB) it is kept, whole; past it, not at all. */
		ck_assert_int_eq(shcache_get(key, 1, &b, &n), sizes[i] < 256 * 1024);
		if (b != NULL) {
			ck_assert_uint_eq(n, sizes[i]);
			ck_assert(memcmp(b, big, n) == 0);
		}
		free(b);
		free(big);
	}
}
END_TEST

START_TEST(shared_with_children)
{
	char	*b;
	size_t	 n;
	pid_t	 pid;
	int	 st;

	setup();
	if ((pid = fork()) == 0) {
		shcache_put("/from/child", 3, "child", 5);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ck_assert_int_eq(shcache_get("/from/child", 3, &b, &n), 1);
	ck_assert_str_eq(b, "child");
	free(b);
}
END_TEST

START_TEST(many_keys_most_kept)
{
	char	 key[32], *b;
	size_t	 n, i, hits = 0;

	setup();
	/* 4 MiB: 50% in 6 KiB slots, 341 slots in 42 sets of 8; 250 small answers mostly fit. */
	for (i = 0; i < 250; i++) {
		snprintf(key, sizeof(key), "/many/%zu", i);
		shcache_put(key, 1, key, strlen(key));
	}
	for (i = 0; i < 250; i++) {
		snprintf(key, sizeof(key), "/many/%zu", i);
		if (shcache_get(key, 1, &b, &n) == 1) {
			ck_assert_str_eq(b, key);
			hits++;
		}
		free(b);
	}
	ck_assert_uint_ge(hits, 225);
}
END_TEST

CHECK_MAIN("shcache", hit_and_versions, replace_and_sizes, shared_with_children,
    many_keys_most_kept)
