/* viewer.h: what a worker remembers of the users it serves (their library, their profile). */
#ifndef STREAMIFY_VIEWER_H
#define STREAMIFY_VIEWER_H

#include "api.h"

/* The caller's state of one movie. */
struct viewer_movie {
	int		 in_watchlist, favorite, completed, rated, access;
	long long	 position;	/* seconds */
	double		 score;		/* when rated */
	const char	*video_path;	/* when access; NULL or "": none (the sample) */
};

/*
 * The caller's (r->user_id) state of movie id into out, from this worker's
 * memory when it still holds, else read (one statement for the library,
 * one for the movie's video_path when needed) and remembered. out's
 * strings stay valid until the next call. Returns DB_OK or a db_rc.
 */
int	 viewer_movie(struct req *r, long long id, struct viewer_movie *out);

/*
 * GET /profile from memory: 1 when the caller's remembered answer still
 * holds and is now in w, else 0. After making the answer, the handler
 * calls viewer_keep_profile with the time (Unix seconds) until which it
 * holds as to the subscription's access (0: no limit).
 */
int	 viewer_recall_profile(struct req *r, struct resp *w);
void	 viewer_keep_profile(struct req *r, const struct resp *w, long long until);

#endif
