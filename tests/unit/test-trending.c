/* test-trending.c: the trending list: viewers first, popularity fills in, too little activity is the popular list. */
#include "check_main.h"
#include "trending.h"

START_TEST(viewers_then_popularity)
{
	const struct trend_count	 c[] = { { 7, 9 }, { 3, 5 }, { 9, 3 }, { 4, 2 }, { 5, 1 } };
	const long long			 pop[] = { 1, 3, 4, 2, 6 };
	struct trend_entry		 out[8];
	size_t				 n;

	n = trending_rank(c, 5, pop, 5, 3, out, 8);
	ck_assert_uint_eq(n, 7);
	/* 7, 3 and 9 have at least 3 viewers, in that order. */
	ck_assert_int_eq(out[0].movie_id, 7);
	ck_assert_int_eq(out[0].viewers, 9);
	ck_assert_int_eq(out[0].by_viewers, 1);
	ck_assert_int_eq(out[1].movie_id, 3);
	ck_assert_int_eq(out[2].movie_id, 9);
	ck_assert_int_eq(out[2].by_viewers, 1);
	/* Then the popular ones not listed: 1, 4 (2 viewers: too few, but counted), 2, 6. */
	ck_assert_int_eq(out[3].movie_id, 1);
	ck_assert_int_eq(out[3].viewers, 0);
	ck_assert_int_eq(out[3].by_viewers, 0);
	ck_assert_int_eq(out[4].movie_id, 4);
	ck_assert_int_eq(out[4].viewers, 2);
	ck_assert_int_eq(out[4].by_viewers, 0);
	ck_assert_int_eq(out[5].movie_id, 2);
	ck_assert_int_eq(out[6].movie_id, 6);
}
END_TEST

START_TEST(too_little_activity)
{
	const struct trend_count	 c[] = { { 4, 2 }, { 5, 1 } };
	const long long			 pop[] = { 1, 2, 3 };
	struct trend_entry		 out[3];

	ck_assert_uint_eq(trending_rank(c, 2, pop, 3, 3, out, 3), 3);
	ck_assert_int_eq(out[0].movie_id, 1);
	ck_assert_int_eq(out[0].by_viewers, 0);
	ck_assert_int_eq(out[2].movie_id, 3);
	ck_assert_uint_eq(trending_rank(NULL, 0, pop, 3, 3, out, 3), 3);
	ck_assert_int_eq(out[1].movie_id, 2);
	ck_assert_uint_eq(trending_rank(NULL, 0, NULL, 0, 3, out, 3), 0);
}
END_TEST

START_TEST(bounded)
{
	const struct trend_count	 c[] = { { 1, 50 }, { 2, 40 }, { 3, 30 } };
	const long long			 pop[] = { 9, 8 };
	struct trend_entry		 out[2];

	ck_assert_uint_eq(trending_rank(c, 3, pop, 2, 1, out, 2), 2);
	ck_assert_int_eq(out[0].movie_id, 1);
	ck_assert_int_eq(out[1].movie_id, 2);
	ck_assert_uint_eq(trending_rank(c, 3, pop, 2, 1, out, 0), 0);
	/* The threshold is inclusive: exactly min_viewers counts. */
	ck_assert_uint_eq(trending_rank(c, 3, NULL, 0, 30, out, 2), 2);
	ck_assert_uint_eq(trending_rank(c, 3, NULL, 0, 51, out, 2), 0);
}
END_TEST

CHECK_MAIN("trending", viewers_then_popularity, too_little_activity, bounded)
