/* db_library.h: the library's writes: one autocommitted statement each, retried on deadlock. */
#ifndef STREAMIFY_DB_LIBRARY_H
#define STREAMIFY_DB_LIBRARY_H

#include "db.h"
#include "playback.h"

/* A list of movies a user keeps. */
enum lib_list {
	LIB_WATCHLIST,
	LIB_FAVORITES,
};

/* Times as the database stores them: "YYYY-MM-DD HH:MM:SS.ffffff". */
#define LIB_TIME_LEN	32

/* The stored state after a progress report. */
struct history_state {
	long long	 position;			/* seconds */
	double		 percent;			/* 0..100 when has_percent */
	int		 has_percent;
	int		 completed;			/* watched to 90% at least once */
	char		 updated_at[LIB_TIME_LEN];	/* UTC, database form */
};

/*
 * Whether a movie exists: DB_OK when it does, DB_ERR_NOTFOUND when not,
 * else a db_rc error.
 */
int	db_library_movie_exists(struct db *db, long long movie_id);

/*
 * Put movie_id on a list of user_id. Returns DB_OK with *added 1 when the
 * row was made now and 0 when it was there already, DB_ERR_NOTFOUND when
 * there is no such movie, or another db_rc error. A deadlock is retried a
 * few times before DB_ERR_RETRY is returned. *added_at (LIB_TIME_LEN
 * bytes) receives the time the movie was added, "" if it was removed by
 * someone else meanwhile.
 */
int	db_list_add(struct db *db, enum lib_list list, long long user_id,
	    long long movie_id, int *added, char *added_at);

/*
 * Take movie_id off a list of user_id. Returns DB_OK, also when it was not
 * there, DB_ERR_NOTFOUND when there is no such movie, or a db_rc error.
 */
int	db_list_remove(struct db *db, enum lib_list list, long long user_id,
	    long long movie_id);

/*
 * Record a playback position of progress seconds (>= 0) for user_id and
 * movie_id, with the player's duration in seconds (0 when it sent none),
 * by the rules of playback.h against the catalog's running time, else the
 * player's duration (which is remembered), else a remembered one. One
 * upsert: concurrent reports leave the last one committed and never a
 * second row. Fills *out. Returns DB_OK, DB_ERR_NOTFOUND when there is no
 * such movie, or a db_rc error (DB_ERR_RETRY only after several deadlocks).
 */
int	db_history_put(struct db *db, long long user_id, long long movie_id,
	    double progress, double duration, struct history_state *out);

/*
 * Hide movie_id from the user's continue-watching row until the next
 * progress report. Returns DB_OK (also when there is no history for it),
 * DB_ERR_NOTFOUND when there is no such movie, or a db_rc error.
 */
int	db_continue_hide(struct db *db, long long user_id, long long movie_id);

/*
 * Set the user's score of movie_id (0.5..5.0, checked by the caller).
 * *rated_at (LIB_TIME_LEN bytes) receives the time. Returns DB_OK,
 * DB_ERR_NOTFOUND when there is no such movie, or a db_rc error.
 */
int	db_rating_put(struct db *db, long long user_id, long long movie_id, double score,
	    char *rated_at);

/*
 * Remove the user's score of movie_id. Returns DB_OK, also when there was
 * none, DB_ERR_NOTFOUND when there is no such movie, or a db_rc error.
 */
int	db_rating_remove(struct db *db, long long user_id, long long movie_id);

#endif
