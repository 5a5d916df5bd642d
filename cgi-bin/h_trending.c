/* h_trending.c: GET /movies/trending: what most viewers started or watched on in the last day or week. */
#include <string.h>

#include "handlers.h"
#include "movie.h"

/* Extra columns of STMT_TREND_LIST after MOVIE_COLS. */
enum { T_VIEWERS = MOVIE_NCOLS, T_BY_VIEWERS };

const struct input h_movies_trending_in[] = {
	{ ARG_WINDOW, IN_QUERY, IN_STR, 0, 3, 4 },
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, 50 },
	{ ARG_NONE }
};

/* Add viewers and source to a summary. */
static void
trend_fields(cJSON *m, long long viewers, int by_viewers)
{
	cJSON_AddNumberToObject(m, "viewers", (double)viewers);
	cJSON_AddStringToObject(m, "source", by_viewers ? "viewers" : "popularity");
}

/*
 * GET /movies/trending?window=day|week&limit= (1..50, default 20; window
 * default day): the list streamify-batch trending last wrote: the movies
 * most distinct viewers started or progressed within the window, with
 * their count (viewers) and source "viewers", then popular movies (source
 * "popularity") when there was too little activity; popular movies alone
 * before the job first ran. Public and remembered like the catalog (the
 * job's writes change the catalog version). Answers 200 {results, window},
 * 400 (window, limit), 503.
 */
int
h_movies_trending(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	const char	*win = req_str(r, ARG_WINDOW);
	long long	 limit = req_int(r, ARG_LIMIT, 20);
	cJSON		*root, *arr, *m;
	int		 rc, n = 0;

	if (win == NULL)
		win = "day";
	else if (strcmp(win, "day") != 0 && strcmp(win, "week") != 0)
		return resp_field(w, "window", "must be day or week");
	if ((root = cJSON_CreateObject()) == NULL ||
	    (arr = cJSON_AddArrayToObject(root, "results")) == NULL) {
		cJSON_Delete(root);
		return resp_error(w, 500, NULL, NULL);
	}
	if ((rc = db_exec(r->db, STMT_TREND_LIST, &res, "si", win, limit)) != DB_OK)
		goto fail;
	while ((rc = db_next(res)) == 1) {
		if ((m = movie_summary(res, 0)) == NULL) {
			rc = DB_ERR_INTERNAL;
			break;
		}
		trend_fields(m, db_int(res, T_VIEWERS), db_int(res, T_BY_VIEWERS) != 0);
		cJSON_AddItemToArray(arr, m);
		n++;
	}
	db_res_free(res);
	if (rc < 0)
		goto fail;
	if (n == 0) {
		/* The job has not run yet: the popular movies, as it would list them. */
		if ((rc = db_exec(r->db, STMT_MOVIES_POPULAR, &res, "i", limit)) != DB_OK)
			goto fail;
		while ((rc = db_next(res)) == 1) {
			if ((m = movie_summary(res, 0)) == NULL) {
				rc = DB_ERR_INTERNAL;
				break;
			}
			trend_fields(m, 0, 0);
			cJSON_AddItemToArray(arr, m);
		}
		db_res_free(res);
		if (rc < 0)
			goto fail;
	}
	cJSON_AddStringToObject(root, "window", win);
	return resp_json(w, 200, root);
fail:
	cJSON_Delete(root);
	return resp_db(w, rc);
}
