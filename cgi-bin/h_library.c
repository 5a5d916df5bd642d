/* h_library.c: the user's library: watchlist, favorites, history, continue watching, ratings. */
#include <math.h>

#include "db_library.h"
#include "handlers.h"
#include "movie.h"

/*
 * Every route here is AUTH_REQUIRED: the dispatcher answers 401 before a
 * handler runs without a valid token, so r->user_id is the caller, and
 * every statement is scoped by it. No route takes a user id.
 */

/* Answer a db_rc of a library call: 404 names the movie, the rest as resp_db. */
static int
lib_fail(struct resp *w, int rc)
{
	if (rc == DB_ERR_NOTFOUND)
		return resp_error(w, 404, NULL, "There is no movie with that id.");
	return resp_db(w, rc);
}

/* Adds a row's own columns (those after MOVIE_COLS) to its movie summary. */
typedef void (*lib_extra)(struct db_res *, cJSON *);

/* added_at of a watchlist or favorites row. */
static void
extra_added(struct db_res *res, cJSON *item)
{
	json_time(item, "added_at", db_str(res, MOVIE_NCOLS));
}

/* The playback state of a history row. */
static void
extra_history(struct db_res *res, cJSON *item)
{
	cJSON_AddNumberToObject(item, "progress", (double)db_int(res, MOVIE_NCOLS));
	json_round(item, "percent", db_double(res, MOVIE_NCOLS + 1), 2,
	    db_isnull(res, MOVIE_NCOLS + 1));
	json_bool(item, "completed", db_int(res, MOVIE_NCOLS + 2) != 0);
	cJSON_AddNumberToObject(item, "play_count", (double)db_int(res, MOVIE_NCOLS + 3));
	json_time(item, "last_played_at", db_str(res, MOVIE_NCOLS + 4));
}

/* The caller's score of a ratings row. */
static void
extra_rating(struct db_res *res, cJSON *item)
{
	json_round(item, "score", db_double(res, MOVIE_NCOLS), 1, 0);
	json_time(item, "rated_at", db_str(res, MOVIE_NCOLS + 1));
}

/*
 * Read the rows of a list statement into an array of summaries with
 * extra's columns. Its parameters are the caller, limit, and offset unless
 * offset is negative (a list that is not paged). Returns DB_OK with *out
 * set (the caller owns it), or a db_rc error with *out NULL.
 */
static int
lib_rows(struct req *r, enum stmt_id list, long long limit, long long offset,
    lib_extra extra, cJSON **out)
{
	struct db_res	*res;
	cJSON		*arr, *item;
	int		 rc;

	*out = NULL;
	if ((arr = cJSON_CreateArray()) == NULL)
		return DB_ERR_INTERNAL;
	if (offset < 0)
		rc = db_exec(r->db, list, &res, "ii", r->user_id, limit);
	else
		rc = db_exec(r->db, list, &res, "iii", r->user_id, limit, offset);
	if (rc != DB_OK) {
		cJSON_Delete(arr);
		return rc;
	}
	while ((rc = db_next(res)) == 1) {
		if ((item = movie_summary(res, 0)) == NULL) {
			rc = DB_ERR_INTERNAL;
			break;
		}
		extra(res, item);
		cJSON_AddItemToArray(arr, item);
	}
	db_res_free(res);
	if (rc < 0) {
		cJSON_Delete(arr);
		return rc;
	}
	*out = arr;
	return DB_OK;
}

/*
 * One page of a list of the caller's movies: count runs first, then list
 * (only when the page is not past the end). Answers 200 or a db error.
 */
static int
lib_page(struct req *r, struct resp *w, enum stmt_id count, enum stmt_id list,
    lib_extra extra)
{
	struct db_res	*res;
	cJSON		*arr = NULL;
	long long	 page, per_page, total;
	int		 rc;

	page = req_int(r, ARG_PAGE, 1);
	per_page = req_int(r, ARG_PER_PAGE, 20);
	if ((rc = db_exec(r->db, count, &res, "i", r->user_id)) != DB_OK)
		return resp_db(w, rc);
	rc = db_next(res);
	total = rc == 1 ? db_int(res, 0) : 0;
	db_res_free(res);
	if (rc < 0)
		return resp_db(w, rc);
	if (total > (page - 1) * per_page)
		rc = lib_rows(r, list, per_page, (page - 1) * per_page, extra, &arr);
	else if ((arr = cJSON_CreateArray()) == NULL)
		rc = DB_ERR_INTERNAL;
	else
		rc = DB_OK;
	if (rc != DB_OK)
		return resp_db(w, rc);
	return resp_page(w, arr, page, per_page, total);
}

/* POST /watchlist/{id}, /favorites/{id}: 201 added, 200 already there, 404 no such movie. */
static int
lib_add(struct req *r, struct resp *w, enum lib_list list)
{
	cJSON	*d;
	char	 at[LIB_TIME_LEN];
	int	 added, rc;

	rc = db_list_add(r->db, list, r->user_id, req_id(r), &added, at);
	if (rc != DB_OK)
		return lib_fail(w, rc);
	if ((d = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddNumberToObject(d, "movie_id", (double)req_id(r));
	json_bool(d, list == LIB_WATCHLIST ? "in_watchlist" : "favorite", 1);
	json_time(d, "added_at", at[0] != '\0' ? at : NULL);
	return resp_data(w, added ? 201 : 200, d);
}

/* DELETE /watchlist/{id}, /favorites/{id}: 204 (also when absent), 404 no such movie. */
static int
lib_remove(struct req *r, struct resp *w, enum lib_list list)
{
	int	 rc;

	if ((rc = db_list_remove(r->db, list, r->user_id, req_id(r))) != DB_OK)
		return lib_fail(w, rc);
	return resp_empty(w, 204);
}

const struct input h_watchlist_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/* GET /watchlist: the caller's watchlist, newest first, summary + added_at. 200, 400, 503. */
int
h_watchlist_list(struct req *r, struct resp *w)
{
	return lib_page(r, w, STMT_WATCHLIST_COUNT, STMT_WATCHLIST_LIST, extra_added);
}

const struct input h_watchlist_add_in[] = { { ARG_NONE } };

/* POST /watchlist/{id}: 201 when added, 200 when already there, 404, 503. */
int
h_watchlist_add(struct req *r, struct resp *w)
{
	return lib_add(r, w, LIB_WATCHLIST);
}

const struct input h_watchlist_remove_in[] = { { ARG_NONE } };

/* DELETE /watchlist/{id}: 204, also when it was not there; 404, 503. */
int
h_watchlist_remove(struct req *r, struct resp *w)
{
	return lib_remove(r, w, LIB_WATCHLIST);
}

const struct input h_favorites_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/* GET /favorites: the caller's favorites, newest first, summary + added_at. 200, 400, 503. */
int
h_favorites_list(struct req *r, struct resp *w)
{
	return lib_page(r, w, STMT_FAVORITES_COUNT, STMT_FAVORITES_LIST, extra_added);
}

const struct input h_favorites_add_in[] = { { ARG_NONE } };

/* POST /favorites/{id}: 201 when added, 200 when already there, 404, 503. */
int
h_favorites_add(struct req *r, struct resp *w)
{
	return lib_add(r, w, LIB_FAVORITES);
}

const struct input h_favorites_remove_in[] = { { ARG_NONE } };

/* DELETE /favorites/{id}: 204, also when it was not there; 404, 503. */
int
h_favorites_remove(struct req *r, struct resp *w)
{
	return lib_remove(r, w, LIB_FAVORITES);
}

const struct input h_history_put_in[] = {
	{ ARG_PROGRESS, IN_BODY, IN_NUM, IN_REQUIRED, 0, 864000 },	/* seconds, up to 10 days */
	{ ARG_DURATION, IN_BODY, IN_INT, IN_NULLABLE, 1, 864000 },	/* whole seconds; null = unknown */
	{ ARG_NONE }
};

/*
 * PUT /history/{id} {progress, duration?}: record the playback position by
 * the rules of lib/playback.h. Answers 200 {movie_id, progress, percent,
 * completed, updated_at}, 400 for a missing, negative or non-numeric
 * progress or a duration that is not a whole number of seconds >= 1
 * (null is "unknown"), 404, 503. The report also keeps the caller's
 * stream on the movie open (streams_progress, h_streams.c).
 */
int
h_history_put(struct req *r, struct resp *w)
{
	struct history_state	 st;
	cJSON			*d;
	int			 rc;

	rc = db_history_put(r->db, r->user_id, req_id(r), req_num(r, ARG_PROGRESS, 0),
	    req_num(r, ARG_DURATION, 0), &st);
	if (rc != DB_OK)
		return lib_fail(w, rc);
	streams_progress(r, req_id(r));	/* a report keeps the player's stream open */
	if ((d = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddNumberToObject(d, "movie_id", (double)req_id(r));
	cJSON_AddNumberToObject(d, "progress", (double)st.position);
	json_round(d, "percent", st.percent, 2, !st.has_percent);
	json_bool(d, "completed", st.completed);
	json_time(d, "updated_at", st.updated_at);
	return resp_data(w, 200, d);
}

const struct input h_history_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/*
 * GET /history: every movie the caller played, most recent first: summary +
 * progress, percent, completed, play_count, last_played_at. 200, 400, 503.
 */
int
h_history_list(struct req *r, struct resp *w)
{
	return lib_page(r, w, STMT_HISTORY_COUNT, STMT_HISTORY_LIST, extra_history);
}

const struct input h_continue_list_in[] = {
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, 50 },
	{ ARG_NONE }
};

/*
 * GET /continue-watching?limit= (1..50, default 20): the movies in progress
 * (a position at 5% up to under 90%, or with no running time known), not
 * hidden, most recent first; not paged. 200, 400, 503.
 */
int
h_continue_list(struct req *r, struct resp *w)
{
	cJSON	*arr;
	int	 rc;

	rc = lib_rows(r, STMT_CONTINUE_LIST, req_int(r, ARG_LIMIT, 20), -1, extra_history, &arr);
	if (rc != DB_OK)
		return resp_db(w, rc);
	return resp_results(w, arr);
}

const struct input h_continue_hide_in[] = { { ARG_NONE } };

/*
 * DELETE /continue-watching/{id}: hide the movie from that row until the
 * next progress report; the position is kept. 204 (also with no history),
 * 404, 503.
 */
int
h_continue_hide(struct req *r, struct resp *w)
{
	int	 rc;

	if ((rc = db_continue_hide(r->db, r->user_id, req_id(r))) != DB_OK)
		return lib_fail(w, rc);
	return resp_empty(w, 204);
}

const struct input h_rating_put_in[] = {
	{ ARG_SCORE, IN_BODY, IN_NUM, IN_REQUIRED, 0.5, 5.0 },
	{ ARG_NONE }
};

/*
 * PUT /ratings/{id} {score}: set the caller's score, 0.5..5.0 in steps of
 * 0.5. 200 {movie_id, score, rated_at}, 400 (missing, not a number, out of
 * range, not a half step), 404, 503.
 */
int
h_rating_put(struct req *r, struct resp *w)
{
	cJSON	*d;
	char	 at[LIB_TIME_LEN];
	double	 score = req_num(r, ARG_SCORE, 0);
	int	 rc;

	if (score * 2.0 != floor(score * 2.0))
		return resp_field(w, "score", "must be from 0.5 to 5.0 in steps of 0.5");
	if ((rc = db_rating_put(r->db, r->user_id, req_id(r), score, at)) != DB_OK)
		return lib_fail(w, rc);
	if ((d = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddNumberToObject(d, "movie_id", (double)req_id(r));
	cJSON_AddNumberToObject(d, "score", score);
	json_time(d, "rated_at", at);
	return resp_data(w, 200, d);
}

const struct input h_rating_delete_in[] = { { ARG_NONE } };

/* DELETE /ratings/{id}: 204, also when there was no score; 404, 503. */
int
h_rating_delete(struct req *r, struct resp *w)
{
	int	 rc;

	if ((rc = db_rating_remove(r->db, r->user_id, req_id(r))) != DB_OK)
		return lib_fail(w, rc);
	return resp_empty(w, 204);
}

const struct input h_ratings_list_in[] = { IN_PAGING(100000), { ARG_NONE } };

/* GET /ratings: the caller's scores, most recent first: summary + score, rated_at. 200, 400, 503. */
int
h_ratings_list(struct req *r, struct resp *w)
{
	return lib_page(r, w, STMT_RATINGS_COUNT, STMT_RATINGS_LIST, extra_rating);
}

cJSON *
library_user_state(const struct viewer_movie *m)
{
	cJSON	*st;

	if ((st = cJSON_CreateObject()) == NULL)
		return NULL;
	json_bool(st, "in_watchlist", m->in_watchlist);
	json_bool(st, "favorite", m->favorite);
	cJSON_AddNumberToObject(st, "progress", (double)m->position);
	json_bool(st, "completed", m->completed);
	json_round(st, "user_rating", m->score, 1, !m->rated);
	return st;
}

void
library_profile_stats(struct db_res *res, int col, cJSON *stats)
{
	cJSON_AddNumberToObject(stats, "watchlist_count", (double)db_int(res, col));
	cJSON_AddNumberToObject(stats, "favorites_count", (double)db_int(res, col + 1));
	cJSON_AddNumberToObject(stats, "watched_count", (double)db_int(res, col + 2));
}
