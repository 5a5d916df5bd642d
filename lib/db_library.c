/* db_library.c: the library's writes: one autocommitted statement each, retried on deadlock. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db_library.h"

/* The statements of each list, indexed by enum lib_list. */
static const struct {
	enum stmt_id	 add, added, remove;
} lib_stmts[] = {
	{ STMT_WATCHLIST_ADD, STMT_WATCHLIST_ADDED, STMT_WATCHLIST_REMOVE },	/* LIB_WATCHLIST */
	{ STMT_FAVORITES_ADD, STMT_FAVORITES_ADDED, STMT_FAVORITES_REMOVE },	/* LIB_FAVORITES */
};

/* The current UTC time in the database's DATETIME(6) form. */
static void
lib_now(char *buf)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 date[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, LIB_TIME_LEN, "%.19s.%06d", date, (int)(ts.tv_nsec / 1000));
}

int
db_library_movie_exists(struct db *db, long long movie_id)
{
	struct db_res	*res;
	int		 rc;

	if ((rc = db_exec(db, STMT_LIB_MOVIE_EXISTS, &res, "i", movie_id)) != DB_OK)
		return rc;
	rc = db_next(res);
	db_res_free(res);
	if (rc < 0)
		return rc;
	return rc == 1 ? DB_OK : DB_ERR_NOTFOUND;
}

/* A (user, movie) statement of the library: one run of db_retry. */
struct lib_stmt_run {
	enum stmt_id	 id;
	long long	 user_id, movie_id;
};

static int
lib_write_run(struct db *db, void *arg)
{
	struct lib_stmt_run	*w = arg;

	return db_exec(db, w->id, NULL, "ii", w->user_id, w->movie_id);
}

/*
 * Run a (user, movie) write, again after a deadlock as the retry policy
 * says (db.h). Returns DB_OK or the last db_rc.
 */
static int
lib_write(struct db *db, enum stmt_id id, long long user_id, long long movie_id)
{
	struct lib_stmt_run	 w = { id, user_id, movie_id };

	return db_retry(db, lib_write_run, &w);
}

/*
 * Run a (user, movie) removal: DB_OK when it removed a row or the movie
 * exists (already absent is fine), DB_ERR_NOTFOUND when there is no such movie.
 */
static int
lib_remove(struct db *db, enum stmt_id id, long long user_id, long long movie_id)
{
	int	 rc;

	if ((rc = lib_write(db, id, user_id, movie_id)) != DB_OK)
		return rc;
	return db_affected(db) > 0 ? DB_OK : db_library_movie_exists(db, movie_id);
}

int
db_list_add(struct db *db, enum lib_list list, long long user_id, long long movie_id,
    int *added, char *added_at)
{
	struct db_res	*res;
	int		 rc;

	*added = 0;
	added_at[0] = '\0';
	rc = lib_write(db, lib_stmts[list].add, user_id, movie_id);
	if (rc == DB_ERR_FOREIGN)
		return DB_ERR_NOTFOUND;
	if (rc != DB_OK)
		return rc;
	*added = db_affected(db) == 1;
	if ((rc = db_exec(db, lib_stmts[list].added, &res, "ii", user_id, movie_id)) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1)
		snprintf(added_at, LIB_TIME_LEN, "%s", db_str(res, 0) ? db_str(res, 0) : "");
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

int
db_list_remove(struct db *db, enum lib_list list, long long user_id, long long movie_id)
{
	return lib_remove(db, lib_stmts[list].remove, user_id, movie_id);
}

/* A progress report: what it is and what it led to (db_history_put, one run of db_retry). */
struct history_run {
	long long		 user_id, movie_id;
	double			 progress, duration;
	long long		 player;	/* the player's duration to remember, seconds */
	struct playback		 pb;		/* what this report leads to */
	int			 old_completed;	/* the stored flag, 0 without a row */
	int			 done;
	struct history_state	*out;
};

static int
history_put_run(struct db *db, void *arg)
{
	struct history_run	*h = arg;
	struct db_res		*res;
	long long		 minutes;	/* the catalog's running time, 0 = none */
	double			 remembered;	/* the duration remembered from earlier reports */
	int			 rc;

	if ((rc = db_row(db, STMT_HISTORY_STATE, &res, "ii", h->user_id, h->movie_id)) != DB_OK)
		return rc;
	minutes = db_isnull(res, 0) ? 0 : db_int(res, 0);
	remembered = db_double(res, 1);
	h->old_completed = db_int(res, 2) != 0;
	db_res_free(res);

	playback_apply(h->progress, playback_runtime(minutes, h->duration, remembered), &h->pb);
	h->done = h->pb.stage == PLAYBACK_DONE;
	lib_now(h->out->updated_at);
	return db_exec(db, STMT_HISTORY_PUT, NULL, "iiiIDiisiiiIDs",
	    h->user_id, h->movie_id, h->pb.position, h->player > 0 ? &h->player : NULL,
	    h->pb.has_percent ? &h->pb.percent : NULL, (long long)h->done, (long long)h->done,
	    h->out->updated_at,
	    (long long)h->done, (long long)h->done, h->pb.position,
	    h->player > 0 ? &h->player : NULL, h->pb.has_percent ? &h->pb.percent : NULL,
	    h->out->updated_at);
}

int
db_history_put(struct db *db, long long user_id, long long movie_id, double progress,
    double duration, struct history_state *out)
{
	struct history_run	 h = { .user_id = user_id, .movie_id = movie_id,
				    .progress = progress, .duration = duration, .out = out };
	int			 rc;

	memset(out, 0, sizeof(*out));
	h.player = duration > 0.0 ? llround(duration) : 0;
	if ((rc = db_retry(db, history_put_run, &h)) == DB_ERR_FOREIGN)
		return DB_ERR_NOTFOUND;
	if (rc != DB_OK)
		return rc;
	out->position = h.pb.position;
	out->percent = h.pb.percent;
	out->has_percent = h.pb.has_percent;
	out->completed = h.old_completed || h.done;
	return DB_OK;
}

int
db_continue_hide(struct db *db, long long user_id, long long movie_id)
{
	return lib_remove(db, STMT_CONTINUE_HIDE, user_id, movie_id);
}

/* A rating (db_rating_put, one run of db_retry). */
struct rating_run {
	long long	 user_id, movie_id;
	double		 score;
	char		*rated_at;
};

static int
rating_put_run(struct db *db, void *arg)
{
	struct rating_run	*t = arg;

	lib_now(t->rated_at);
	return db_exec(db, STMT_RATING_PUT, NULL, "iidsds", t->user_id, t->movie_id, t->score,
	    t->rated_at, t->score, t->rated_at);
}

int
db_rating_put(struct db *db, long long user_id, long long movie_id, double score,
    char *rated_at)
{
	struct rating_run	 t = { user_id, movie_id, score, rated_at };
	int			 rc = db_retry(db, rating_put_run, &t);

	return rc == DB_ERR_FOREIGN ? DB_ERR_NOTFOUND : rc;
}

int
db_rating_remove(struct db *db, long long user_id, long long movie_id)
{
	return lib_remove(db, STMT_RATING_REMOVE, user_id, movie_id);
}
