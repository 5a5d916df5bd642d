/* playback.h: the playback rules: how a reported position becomes progress, percent and completion. */
#ifndef STREAMIFY_PLAYBACK_H
#define STREAMIFY_PLAYBACK_H

#define PLAYBACK_STARTED_PCT	5.0	/* from here a movie is "in progress" */
#define PLAYBACK_DONE_PCT	90.0	/* from here it is completed */

/* Where a report stands against the running time. */
enum playback_stage {
	PLAYBACK_UNMEASURED,	/* no running time known: the position is all there is */
	PLAYBACK_STARTING,	/* under 5%: not "in progress" yet */
	PLAYBACK_WATCHING,	/* 5% up to under 90%: in progress */
	PLAYBACK_DONE,		/* 90% or more: watched, the position goes back to 0 */
};

/* The state one progress report leads to. */
struct playback {
	long long		 position;	/* seconds to store: whole, clamped, 0 once done */
	double			 percent;	/* 0..100, two decimals (floored); when has_percent */
	int			 has_percent;	/* 0 when no running time is known */
	enum playback_stage	 stage;
};

/*
 * The running time in seconds that the rules measure against: the
 * catalog's (catalog_minutes, in minutes) when it is above 0, else the
 * player's duration of this report (seconds) when above 0, else the one
 * remembered from an earlier report. Returns 0 when none is known.
 */
double	playback_runtime(long long catalog_minutes, double player, double remembered);

/*
 * Apply the rules to a reported position (seconds, >= 0) against runtime
 * (seconds, <= 0 when unknown), filling *pb. The position is clamped to
 * the running time; percent is floored to two decimals, and the 5% and 90%
 * thresholds compare that stored value, so what is stored and what is
 * decided always agree. Without a running time the position is kept,
 * has_percent is 0 and the stage is PLAYBACK_UNMEASURED.
 */
void	playback_apply(double progress, double runtime, struct playback *pb);

#endif
