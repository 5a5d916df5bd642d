/* playback.c: the playback rules: how a reported position becomes progress, percent and completion. */
#include <assert.h>
#include <math.h>

#include "playback.h"

double
playback_runtime(long long catalog_minutes, double player, double remembered)
{
	if (catalog_minutes > 0)
		return (double)catalog_minutes * 60.0;
	if (player > 0.0)
		return player;
	if (remembered > 0.0)
		return remembered;
	return 0.0;
}

void
playback_apply(double progress, double runtime, struct playback *pb)
{
	double	 pct;	/* of the running time, floored to two decimals */

	assert(progress >= 0.0 && isfinite(progress));
	if (runtime <= 0.0 || !isfinite(runtime)) {
		pb->position = (long long)floor(progress);
		pb->percent = 0.0;
		pb->has_percent = 0;
		pb->stage = PLAYBACK_UNMEASURED;
		return;
	}
	if (progress > runtime)
		progress = runtime;
	/*
	 * The tiny addend absorbs binary rounding (300 s of 6000 s is 5%, not
	 * 4.9999999%) without moving any real value across a hundredth.
	 */
	pct = floor(progress / runtime * 10000.0 + 1e-6) / 100.0;
	if (pct > 100.0)
		pct = 100.0;
	pb->has_percent = 1;
	if (pct >= PLAYBACK_DONE_PCT) {
		pb->position = 0;
		pb->percent = 100.0;
		pb->stage = PLAYBACK_DONE;
	} else {
		pb->position = (long long)floor(progress);
		pb->percent = pct;
		pb->stage = pct >= PLAYBACK_STARTED_PCT ? PLAYBACK_WATCHING : PLAYBACK_STARTING;
	}
}
