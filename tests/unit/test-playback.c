/* test-playback.c: the playback rules: running time, clamping, and the 5% and 90% thresholds. */
#include <math.h>

#include "check_main.h"
#include "playback.h"

START_TEST(runtime_sources)
{
	ck_assert_double_eq(playback_runtime(100, 0, 0), 6000.0);
	ck_assert_double_eq(playback_runtime(100, 7200, 5400), 6000.0);	/* the catalog wins */
	ck_assert_double_eq(playback_runtime(0, 7200, 5400), 7200.0);	/* then this report */
	ck_assert_double_eq(playback_runtime(0, 0, 5400), 5400.0);	/* then the remembered one */
	ck_assert_double_eq(playback_runtime(-1, -3, 0), 0.0);
}
END_TEST

START_TEST(five_percent)
{
	struct playback	 pb;

	playback_apply(294, 6000, &pb);			/* 4.9% */
	ck_assert_int_eq(pb.stage, PLAYBACK_STARTING);
	ck_assert_int_eq(pb.position, 294);
	ck_assert_double_eq_tol(pb.percent, 4.9, 1e-9);
	playback_apply(299.99, 6000, &pb);		/* 4.9998%: still under */
	ck_assert_int_eq(pb.stage, PLAYBACK_STARTING);
	ck_assert_double_eq_tol(pb.percent, 4.99, 1e-9);
	playback_apply(300, 6000, &pb);			/* 5% exactly */
	ck_assert_int_eq(pb.stage, PLAYBACK_WATCHING);
	ck_assert_double_eq_tol(pb.percent, 5.0, 1e-9);
	playback_apply(0.05 * 7200, 7200, &pb);		/* computed in binary */
	ck_assert_int_eq(pb.stage, PLAYBACK_WATCHING);
	playback_apply(0.049 * 7200, 7200, &pb);
	ck_assert_int_eq(pb.stage, PLAYBACK_STARTING);
	ck_assert_int_eq(pb.position, 352);
}
END_TEST

START_TEST(ninety_percent)
{
	struct playback	 pb;

	playback_apply(5394, 6000, &pb);		/* 89.9% */
	ck_assert_int_eq(pb.stage, PLAYBACK_WATCHING);
	ck_assert_int_eq(pb.position, 5394);
	ck_assert_double_eq_tol(pb.percent, 89.9, 1e-9);
	playback_apply(5400, 6000, &pb);		/* 90% */
	ck_assert_int_eq(pb.stage, PLAYBACK_DONE);
	ck_assert_int_eq(pb.position, 0);
	ck_assert_double_eq(pb.percent, 100.0);
	playback_apply(0.9 * 7200, 7200, &pb);
	ck_assert_int_eq(pb.stage, PLAYBACK_DONE);
	playback_apply(0.899 * 7200, 7200, &pb);
	ck_assert_int_eq(pb.stage, PLAYBACK_WATCHING);
}
END_TEST

START_TEST(clamp_and_unknown)
{
	struct playback	 pb;

	playback_apply(99999, 6000, &pb);		/* past the end: clamped, so done */
	ck_assert_int_eq(pb.stage, PLAYBACK_DONE);
	ck_assert_int_eq(pb.position, 0);
	playback_apply(0, 6000, &pb);
	ck_assert_int_eq(pb.stage, PLAYBACK_STARTING);
	ck_assert_int_eq(pb.position, 0);
	ck_assert_int_eq(pb.has_percent, 1);
	playback_apply(1234.9, 0, &pb);			/* no running time: kept as it is */
	ck_assert_int_eq(pb.has_percent, 0);
	ck_assert_int_eq(pb.position, 1234);
	ck_assert_int_eq(pb.stage, PLAYBACK_UNMEASURED);
}
END_TEST

CHECK_MAIN("playback", runtime_sources, five_percent, ninety_percent, clamp_and_unknown)
