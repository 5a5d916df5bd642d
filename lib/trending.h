/* trending.h: the trending list from counts of viewers and the popular movies (pure, no I/O). */
#ifndef STREAMIFY_TRENDING_H
#define STREAMIFY_TRENDING_H

#include <stddef.h>

#define TRENDING_SIZE	50	/* entries kept per window */

/* A movie and its distinct viewers within a window. */
struct trend_count {
	long long	 movie_id;
	long long	 viewers;
};

/* One entry of a list, in rank order. */
struct trend_entry {
	long long	 movie_id;
	long long	 viewers;	/* within the window (0 when none) */
	int		 by_viewers;	/* 1: ranked by its viewers; 0: filling in by popularity */
};

/*
 * Rank a window's list into out (room for max): first the movies of
 * counted (ordered best first: most viewers, then popularity) that have at
 * least min_viewers viewers, then, while there is room, the movies of
 * popular (ordered most popular first) not listed yet, each with its
 * viewers if counted lists it, else 0. So a window with too little
 * activity is the popular list. Returns the number of entries.
 */
size_t	trending_rank(const struct trend_count *counted, size_t ncounted,
	    const long long *popular, size_t npopular, long long min_viewers,
	    struct trend_entry *out, size_t max);

#endif
