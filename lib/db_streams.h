/* db_streams.h: screens per plan: open, keep, stop and list the streams of a user's logins. */
#ifndef STREAMIFY_DB_STREAMS_H
#define STREAMIFY_DB_STREAMS_H

#include "db.h"

#define STREAMS_SHOWN		16	/* open streams a refusal lists at most */
#define STREAMS_TIME_LEN	32	/* "YYYY-MM-DD HH:MM:SS.fff" and room */

/* What db_streams_open says besides a db_rc error. */
enum streams_rc {
	STREAMS_OPENED = 0,	/* the login's stream is open on the movie */
	STREAMS_FULL = 1,	/* the plan's screens are taken by other logins (listed) */
	STREAMS_NO_ACCESS = 2,	/* no subscription gives access now */
	STREAMS_STOPPED = 3,	/* (going on) another device stopped this stream */
};

/* An open stream: its login, the login's device, the movie, and since and until when. */
struct stream_info {
	long long	 id;				/* the login (sessions.id) */
	char		 device[257];
	long long	 movie_id;
	char		 title[1201];
	char		 opened_at[STREAMS_TIME_LEN];	/* database form, UTC */
	char		 last_seen[STREAMS_TIME_LEN];
};

/* The open streams of a user: up to STREAMS_SHOWN of them, and how many there are. */
struct stream_list {
	struct stream_info	 s[STREAMS_SHOWN];
	size_t			 shown;
	long long		 total;
};

/*
 * Open the stream of login sid of user_id on movie_id, taking turns with
 * every other stream change of the user (so two devices racing for the last
 * screen cannot both win), when fewer than the plan's max_streams streams of
 * the user's other logins are open (seen within timeout seconds, not
 * stopped, login not signed out). The login's previous stream is replaced:
 * a device never competes with itself. With going_on (a heartbeat or a
 * progress report) a stream another device stopped is not opened again
 * (STREAMS_STOPPED) and one that goes on keeps its opened_at. On
 * STREAMS_FULL, others receives the open streams of the other logins.
 * *max_streams receives the plan's limit (0 without access). Returns an
 * enum streams_rc or a db_rc error (nothing written then).
 */
int	db_streams_open(struct db *db, long long user_id, long long sid, long long movie_id,
	    int going_on, long long timeout, int *max_streams, struct stream_list *others);

/*
 * A player of login sid reported progress on movie_id: its stream goes on
 * if it is open on that movie, or opens again if it closed by timeout and a
 * screen is free. Nothing happens for a login with no stream on the movie
 * or one stopped from another device. Returns DB_OK or a db_rc error.
 */
int	db_streams_progress(struct db *db, long long user_id, long long sid, long long movie_id,
	    long long timeout);

/*
 * Stop login sid's own stream on movie_id (0: whatever it plays). Returns
 * DB_OK (also when there was none) or a db_rc error.
 */
int	db_streams_end(struct db *db, long long sid, long long movie_id);

/*
 * Stop the stream of login sid of user_id from another device: it stays
 * stopped until that login opens a stream anew. Returns DB_OK (also when
 * it had none), DB_ERR_NOTFOUND when user_id has no such login, or another
 * db_rc error.
 */
int	db_streams_stop(struct db *db, long long user_id, long long sid);

/*
 * The open streams of user_id (all of them: but 0) into out, newest seen
 * first, and the plan's limit into *max_streams. Returns DB_OK or a db_rc
 * error.
 */
int	db_streams_list(struct db *db, long long user_id, long long timeout, int *max_streams,
	    struct stream_list *out);

#endif
