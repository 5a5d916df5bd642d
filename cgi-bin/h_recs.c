/* h_recs.c: similar movies and personal recommendations, read from the active generation. */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "movie.h"
#include "recommend.h"

#define RECS_MAX_EVENTS	2000	/* the user's most recent events considered (the statement's LIMIT) */

/* Seed weights by event kind (STMT_RECS_USER_EVENTS): liked, completed, favorite. */
#define W_LIKED		1.0f
#define W_COMPLETED	0.8f
#define W_FAVORITE	1.0f

/*
 * Append the similar movies of movie_id in the active generation to arr
 * (summary + score), at most limit. Returns DB_OK or a db_rc.
 */
static int
similar_list(struct req *r, long long movie_id, int limit, cJSON *arr)
{
	struct db_res	*res = NULL;
	cJSON		*m;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_RECS_SIMILAR, &res, "ii", movie_id, (long long)limit)) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1) {
		if ((m = movie_summary(res, 0)) == NULL)
			continue;
		json_round(m, "score", db_double(res, MOVIE_NCOLS), 4, 0);
		cJSON_AddItemToArray(arr, m);
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

cJSON *
recs_similar(struct req *r, long long movie_id, int limit)
{
	cJSON	*arr = cJSON_CreateArray();

	if (arr != NULL)
		(void)similar_list(r, movie_id, limit, arr);
	return arr;
}

const struct input h_movie_similar_in[] = {
	{ "limit", IN_QUERY, IN_INT, 0, 1, 50 },
	{ NULL }
};

/*
 * GET /movies/{id}/similar?limit= (and /movies/{id}/recommendations): the
 * most similar movies of the active generation, each a summary + score.
 * Answers 200 (an empty list before the first batch run), 400 for a bad
 * limit, 404 when there is no such movie, 503 when the store is down.
 */
int
h_movie_similar(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	cJSON		*arr;
	int		 rc, found;

	if ((rc = db_exec(r->db, STMT_RECS_MOVIE_EXISTS, &res, "i", req_id(r))) != DB_OK)
		return resp_db(w, rc);
	found = db_next(res) == 1;
	db_res_free(res);
	if (!found)
		return resp_error(w, 404, "not_found", "There is no such movie.");
	if ((arr = cJSON_CreateArray()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	if ((rc = similar_list(r, req_id(r), (int)req_int(r, "limit", 10), arr)) != DB_OK) {
		cJSON_Delete(arr);
		return resp_db(w, rc);
	}
	return resp_results(w, arr);
}

/* What GET /recommendations knows of the user. */
struct user_events {
	struct rec_seed	*seeds;
	size_t		 nseeds;
	long long	*exclude;	/* rated, completed, watchlist, favorites */
	size_t		 nexclude;
	long long	*seed_kind;	/* per seed: the kind that made it (for the reason) */
	char		**seed_title;
};

static void
user_events_free(struct user_events *u)
{
	size_t	 i;

	for (i = 0; i < u->nseeds; i++)
		free(u->seed_title[i]);
	free(u->seeds);
	free(u->exclude);
	free(u->seed_kind);
	free(u->seed_title);
}

/* The seed index of movie id, or -1. */
static long
seed_find(const struct user_events *u, long long id)
{
	size_t	 i;

	for (i = 0; i < u->nseeds; i++)
		if (u->seeds[i].item == id)
			return (long)i;
	return -1;
}

/*
 * Read the user's events into u: every movie is excluded; a movie rated 4
 * and up, completed (and not rated below 4) or a favorite is a seed.
 * Returns DB_OK or a db_rc.
 */
static int
user_events_load(struct req *r, struct user_events *u)
{
	struct db_res	*res = NULL;
	size_t		 n, i;
	long long	*disliked = NULL;
	size_t		 ndisliked = 0;
	int		 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = db_exec(r->db, STMT_RECS_USER_EVENTS, &res, "iiii", r->user_id, r->user_id,
	    r->user_id, r->user_id)) != DB_OK)
		return rc;
	n = db_rows(res);
	if ((u->seeds = calloc(n + 1, sizeof(*u->seeds))) == NULL ||
	    (u->exclude = calloc(n + 1, sizeof(*u->exclude))) == NULL ||
	    (u->seed_kind = calloc(n + 1, sizeof(*u->seed_kind))) == NULL ||
	    (u->seed_title = calloc(n + 1, sizeof(*u->seed_title))) == NULL ||
	    (disliked = calloc(n + 1, sizeof(*disliked))) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	while ((rc = db_next(res)) == 1) {
		long long	 id = db_int(res, 0), kind = db_int(res, 1);
		float		 wt = kind == 1 ? W_LIKED : kind == 2 ? W_COMPLETED :
				    kind == 3 ? W_FAVORITE : 0;
		long		 s;

		u->exclude[u->nexclude++] = id;
		if (kind == 0)
			disliked[ndisliked++] = id;
		if (wt == 0)
			continue;
		if ((s = seed_find(u, id)) >= 0) {
			if (wt > u->seeds[s].weight) {
				u->seeds[s].weight = wt;
				u->seed_kind[s] = kind;
			}
			continue;
		}
		s = (long)u->nseeds++;
		u->seeds[s].item = id;
		u->seeds[s].weight = wt;
		u->seed_kind[s] = kind;
		u->seed_title[s] = db_str(res, 2) ? strdup(db_str(res, 2)) : NULL;
	}
	rc = rc < 0 ? rc : DB_OK;
	/* A movie rated below 4 is no seed, even when completed or a favorite. */
	for (i = 0; i < ndisliked; i++) {
		long	 s = seed_find(u, disliked[i]);

		if (s >= 0 && u->seed_kind[s] == 2)
			u->seeds[s].weight = 0;
	}
out:
	db_res_free(res);
	free(disliked);
	return rc;
}

/* 1 when id is already in arr (by "id"). */
static int
has_movie(const cJSON *arr, long long id)
{
	const cJSON	*m;

	cJSON_ArrayForEach(m, arr) {
		const cJSON	*v = cJSON_GetObjectItemCaseSensitive(m, "id");

		if (cJSON_IsNumber(v) && (long long)v->valuedouble == id)
			return 1;
	}
	return 0;
}

/* Add the personal picks (neighbours of the seeds) to arr. Returns DB_OK or a db_rc. */
static int
add_personal(struct req *r, const struct user_events *u, int limit, cJSON *arr)
{
	struct db_res	*res = NULL;
	struct rec_edge	*edges = NULL;
	struct rec_pick	*picks = NULL;
	cJSON		**objs = NULL;	/* summaries by pick, owned until added */
	size_t		 n = 0, cap, np = 0, i;
	int		 rc;

	if (u->nseeds == 0)
		return DB_OK;
	if ((rc = db_exec(r->db, STMT_RECS_USER_EDGES, &res, "iii", r->user_id, r->user_id,
	    r->user_id)) != DB_OK)
		return rc;
	cap = db_rows(res);
	if ((edges = malloc((cap + 1) * sizeof(*edges))) == NULL ||
	    (picks = malloc((size_t)limit * sizeof(*picks))) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	while ((rc = db_next(res)) == 1 && n < cap) {
		edges[n].from = db_int(res, 0);
		edges[n].to = db_int(res, 1);
		edges[n++].score = (float)db_double(res, 2);
	}
	db_res_free(res);
	res = NULL;
	if (rc < 0)
		goto out;
	np = rec_rank(edges, n, u->seeds, u->nseeds, u->exclude, u->nexclude, (size_t)limit, picks);
	if (np == (size_t)-1) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	/* Summaries ten at a time, then in the picks' order. */
	if ((objs = calloc(np + 1, sizeof(*objs))) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	for (i = 0; i < np; i += 10) {
		long long	 id[10];
		size_t		 j;

		for (j = 0; j < 10; j++)
			id[j] = i + j < np ? picks[i + j].item : 0;
		if ((rc = db_exec(r->db, STMT_RECS_SUMMARY10, &res, "iiiiiiiiii", id[0], id[1],
		    id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9])) != DB_OK)
			goto out;
		while ((rc = db_next(res)) == 1)
			for (j = i; j < np && j < i + 10; j++)
				if (picks[j].item == db_int(res, 0) && objs[j] == NULL)
					objs[j] = movie_summary(res, 0);
		db_res_free(res);
		res = NULL;
		if (rc < 0)
			goto out;
	}
	for (i = 0; i < np; i++) {
		cJSON	*m = objs[i], *why;
		long	 s = seed_find(u, picks[i].because);

		if (m == NULL)
			continue;	/* deleted since the batch ran */
		objs[i] = NULL;
		json_round(m, "score", picks[i].score, 4, 0);
		why = cJSON_AddObjectToObject(m, "reason");
		cJSON_AddStringToObject(why, "type", s >= 0 && u->seed_kind[s] == 2 ?
		    "because_you_watched" : "because_you_liked");
		cJSON_AddNumberToObject(why, "movie_id", (double)picks[i].because);
		json_str(why, "title", s >= 0 ? u->seed_title[s] : NULL);
		cJSON_AddItemToArray(arr, m);
	}
	rc = DB_OK;
out:
	db_res_free(res);
	if (objs != NULL)
		for (i = 0; i < np; i++)
			cJSON_Delete(objs[i]);
	free(objs);
	free(edges);
	free(picks);
	return rc;
}

/*
 * Fill arr up to limit with popular movies the user has not seen, in
 * genre (id gid, name gname) when gid > 0. Returns DB_OK or a db_rc.
 */
static int
add_popular(struct req *r, long long gid, const char *gname, int limit, cJSON *arr)
{
	struct db_res	*res = NULL;
	long long	 want = limit + cJSON_GetArraySize(arr);
	cJSON		*m, *why;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_RECS_POPULAR, &res, "IIiiiii", gid > 0 ? &gid : NULL,
	    gid > 0 ? &gid : NULL, r->user_id, r->user_id, r->user_id, r->user_id, want)) != DB_OK)
		return rc;
	while (cJSON_GetArraySize(arr) < limit && (rc = db_next(res)) == 1) {
		if (has_movie(arr, db_int(res, 0)) || (m = movie_summary(res, 0)) == NULL)
			continue;
		json_round(m, "score", 0, 4, 0);
		why = cJSON_AddObjectToObject(m, "reason");
		if (gid > 0) {
			cJSON_AddStringToObject(why, "type", "popular_in_genre");
			json_str(why, "genre", gname);
		} else
			cJSON_AddStringToObject(why, "type", "popular");
		cJSON_AddItemToArray(arr, m);
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

const struct input h_recommendations_in[] = {
	{ "limit", IN_QUERY, IN_INT, 0, 1, 50 },
	{ NULL }
};

/*
 * GET /recommendations?limit= (auth): movies for the caller, scored from
 * the neighbours of what they liked, completed or favoured, each with a
 * reason; topped up with popular movies of their favourite genre, then
 * popular movies. Never a movie they rated, completed, favoured or listed.
 * Answers 200, 400 for a bad limit, 401 without a token, 503 when the
 * store is down.
 */
int
h_recommendations(struct req *r, struct resp *w)
{
	struct user_events	 u;
	struct db_res		*res = NULL;
	cJSON			*arr = NULL;
	long long		 gid = 0;
	char			*gname = NULL;
	int			 limit = (int)req_int(r, "limit", 20), rc, status;

	if ((rc = user_events_load(r, &u)) != DB_OK)
		goto fail;
	if ((arr = cJSON_CreateArray()) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto fail;
	}
	if ((rc = add_personal(r, &u, limit, arr)) != DB_OK)
		goto fail;
	if (cJSON_GetArraySize(arr) < limit && u.nexclude > 0) {
		if ((rc = db_exec(r->db, STMT_RECS_USER_GENRE, &res, "iiii", r->user_id,
		    r->user_id, r->user_id, r->user_id)) != DB_OK)
			goto fail;
		if (db_next(res) == 1) {
			gid = db_int(res, 0);
			gname = db_str(res, 1) ? strdup(db_str(res, 1)) : NULL;
		}
		db_res_free(res);
		if (gid > 0 && (rc = add_popular(r, gid, gname, limit, arr)) != DB_OK)
			goto fail;
	}
	if (cJSON_GetArraySize(arr) < limit && (rc = add_popular(r, 0, NULL, limit, arr)) != DB_OK)
		goto fail;
	user_events_free(&u);
	free(gname);
	return resp_results(w, arr);
fail:
	user_events_free(&u);
	free(gname);
	cJSON_Delete(arr);
	status = resp_db(w, rc);
	return status;
}
