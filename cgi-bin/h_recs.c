/* h_recs.c: similar movies and personal recommendations, read from the active generation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "hex.h"
#include "metrics.h"
#include "movie.h"
#include "rcache.h"
#include "recommend.h"

#define RECS_MAX_SEEDS	REC_MAX_SEEDS	/* of the user's events (most recent first), the ones that can seed */
#define RECS_SIMILAR_NBRS REC_SIMILAR_RANKED	/* of a seed's similar movies, the first ranked when it has no EASE list */
#define RECS_CACHE_SLOTS 32768	/* slots of a worker's table of ranking lists (a power of 2) */
#define RECS_CACHE_MAX	(RECS_CACHE_SLOTS / 2)	/* lists kept before the table is emptied */
#define RECS_CACHE_WEIGHTS (1 << 20)	/* weights (16 bytes each) past which it is emptied */
#define RECS_ANSWERS	1024	/* answers a worker keeps (one slot per user and limit) */
#define RECS_ANSWER_MAX	(128 * 1024)	/* larger answers are not kept */

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

const struct input h_movie_similar_in[] = {
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, 50 },
	{ ARG_NONE }
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
	if ((rc = similar_list(r, req_id(r), (int)req_int(r, ARG_LIMIT, 10), arr)) != DB_OK) {
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
	uint32_t	*slot;		/* seed index + 1 by hash_slot of the movie (0: free) */
	size_t		 mask;		/* slots - 1, a power of 2 minus 1 */
	long long	 gen;		/* the generation to rank from (0: none) */
};

/*
 * The worker's answers of GET /recommendations, by user and limit, each
 * kept with what it was made from (h_recommendations): the user's counter
 * on the board, the generation, the catalog and user-data versions. Made
 * at the first use.
 */
static struct rcache	*answers;
static int		 answers_made;

/* One weight of a ranking list: the movie it scores and by how much. */
struct rank_w {
	long long	 to;
	float		 w;
};

/* A movie's ranking list in the cached generation (its EASE weights, or its similar movies). */
struct nlist {
	long long	 movie;		/* 0: a free slot */
	struct rank_w	*w;		/* n weights, owned */
	size_t		 n, cap;
	unsigned char	 filling;	/* being read by the current request */
};

/*
 * The worker's cache of its seeds' ranking lists. They belong to one
 * generation, whose rows never change once it is complete; another active
 * generation empties it, and so does a full table or RECS_CACHE_WEIGHTS
 * weights in all.
 */
static struct {
	long long	 gen;
	struct nlist	*slot;		/* RECS_CACHE_SLOTS, open addressing */
	size_t		 n;		/* lists */
	size_t		 weights;	/* weights held by them */
} ncache;

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
	free(u->slot);
}

/* The seed index of movie id, or -1. */
static long
seed_find(const struct user_events *u, long long id)
{
	size_t	 k;

	if (u->slot == NULL)
		return -1;
	for (k = hash_slot(id, u->mask); u->slot[k] != 0; k = (k + 1) & u->mask)
		if (u->seeds[u->slot[k] - 1].item == id)
			return (long)u->slot[k] - 1;
	return -1;
}

/* Make movie id seed number s (it is not one yet). */
static void
seed_insert(struct user_events *u, long long id, size_t s)
{
	size_t	 k;

	for (k = hash_slot(id, u->mask); u->slot[k] != 0; k = (k + 1) & u->mask)
		;
	u->slot[k] = (uint32_t)s + 1;
	u->seeds[s].item = id;
}

/*
 * Read the user's events into u: every movie they rated, completed,
 * favoured or listed is excluded, however many there are; among the
 * RECS_MAX_SEEDS most recent events, a movie rated 4 and up, completed (and
 * not rated below 4) or a favorite is a seed. Returns DB_OK or a db_rc.
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
	for (u->mask = 15; u->mask < (n < RECS_MAX_SEEDS ? n : RECS_MAX_SEEDS) * 2; u->mask = u->mask * 2 + 1)
		;
	if ((u->slot = calloc(u->mask + 1, sizeof(*u->slot))) == NULL ||
	    (u->seeds = calloc(n + 1, sizeof(*u->seeds))) == NULL ||
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
		if (wt == 0 || u->nexclude > RECS_MAX_SEEDS)
			continue;
		if ((s = seed_find(u, id)) >= 0) {
			if (wt > u->seeds[s].weight) {
				u->seeds[s].weight = wt;
				u->seed_kind[s] = kind;
			}
			continue;
		}
		s = (long)u->nseeds++;
		seed_insert(u, id, (size_t)s);
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

/* The slot of movie in the cache: its list, or the free slot where it goes. */
static struct nlist *
ncache_slot(long long movie)
{
	size_t	 k = hash_slot(movie, RECS_CACHE_SLOTS - 1);

	while (ncache.slot[k].movie != 0 && ncache.slot[k].movie != movie)
		k = (k + 1) & (RECS_CACHE_SLOTS - 1);
	return &ncache.slot[k];
}

/* Empty the cache and give it to generation gen. Returns 0, or -1 (no cache) when out of memory. */
static int
ncache_reset(long long gen)
{
	size_t	 i;

	if (ncache.slot != NULL)
		for (i = 0; i < RECS_CACHE_SLOTS; i++)
			free(ncache.slot[i].w);
	ncache.n = 0;
	ncache.weights = 0;
	ncache.gen = 0;
	/* A fresh calloc, not a memset: the pages become resident only as lists fill them. */
	free(ncache.slot);
	if ((ncache.slot = calloc(RECS_CACHE_SLOTS, sizeof(*ncache.slot))) == NULL)
		return -1;
	ncache.gen = gen;
	return 0;
}

/*
 * Make room in the cache for the lists of u's seeds it lacks and mark them
 * as being filled. Returns how many it lacked (0: the cache has them all),
 * or -1 when there is no cache to use.
 */
static long
ncache_prepare(const struct user_events *u)
{
	size_t	 i, missing = 0;

	if ((ncache.gen != u->gen || ncache.slot == NULL) && ncache_reset(u->gen) == -1)
		return -1;
	for (i = 0; i < u->nseeds; i++) {
		int	 have = ncache_slot(u->seeds[i].item)->movie != 0;

		metrics_memory(MEM_NEIGHBOURS, have);
		missing += !have;
	}
	if (missing == 0)
		return 0;
	if (ncache.n + missing > RECS_CACHE_MAX || ncache.weights > RECS_CACHE_WEIGHTS) {
		if (ncache_reset(u->gen) == -1)
			return -1;
		missing = u->nseeds;
	}
	for (i = 0; i < u->nseeds; i++) {
		struct nlist	*l = ncache_slot(u->seeds[i].item);

		if (l->movie != 0)
			continue;
		l->movie = u->seeds[i].item;
		l->w = NULL;
		l->n = l->cap = 0;
		l->filling = 1;
		ncache.n++;
	}
	return (long)missing;
}

/* Append (to, w) to list l. Returns 0, or -1 when out of memory. */
static int
nlist_add(struct nlist *l, long long to, float w)
{
	if (l->n == l->cap) {
		size_t		 cap = l->cap ? l->cap * 2 : 64;
		struct rank_w	*p = realloc(l->w, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		l->w = p;
		l->cap = cap;
	}
	l->w[l->n].to = to;
	l->w[l->n++].w = w;
	ncache.weights++;
	return 0;
}

/* Append (from, to, w) to the edges (*n of *cap). Returns 0, or -1 when out of memory. */
static int
edge_add(struct rec_edge **edges, size_t *n, size_t *cap, long long from, long long to, float w)
{
	if (*n == *cap) {
		size_t		 c = *cap ? *cap * 2 : 1024;
		struct rec_edge	*p = realloc(*edges, c * sizeof(*p));

		if (p == NULL)
			return -1;
		*edges = p;
		*cap = c;
	}
	(*edges)[*n].from = from;
	(*edges)[*n].to = to;
	(*edges)[(*n)++].score = w;
	return 0;
}

/*
 * Read the ranking lists of u's seeds in u's generation into *edges (*n of
 * them): a seed's EASE weights (movie_rank), or its first RECS_SIMILAR_NBRS
 * similar movies, their scores times REC_SIMILAR_WEIGHT, when EASE does not
 * model it (as rec_rank_lists builds them for the evaluation). From the
 * worker's cache when it has every seed, else from the store, keeping what
 * the cache lacked. Returns DB_OK or a db_rc.
 */
static int
seed_edges(struct req *r, const struct user_events *u, struct rec_edge **edges, size_t *n)
{
	struct db_res	*res = NULL;
	struct nlist	*l;
	size_t		 cap = 0, i, j;
	long		 missing = ncache_prepare(u);
	int		 rc = DB_OK;

	*edges = NULL;
	*n = 0;
	if (missing == 0) {
		for (i = 0; i < u->nseeds; i++)
			cap += ncache_slot(u->seeds[i].item)->n;
		if ((*edges = malloc((cap + 1) * sizeof(**edges))) == NULL) {
			rc = DB_ERR_INTERNAL;
			goto out;
		}
		for (i = 0; i < u->nseeds; i++) {
			l = ncache_slot(u->seeds[i].item);
			for (j = 0; j < l->n; j++)
				if (edge_add(edges, n, &cap, l->movie, l->w[j].to, l->w[j].w) == -1) {
					rc = DB_ERR_INTERNAL;
					goto out;
				}
		}
		goto out;
	}
	if ((rc = db_exec(r->db, STMT_RECS_USER_LISTS, &res, "iiiiiiiiii", r->user_id, r->user_id,
	    r->user_id, u->gen, r->user_id, r->user_id, r->user_id, u->gen,
	    (long long)RECS_SIMILAR_NBRS, u->gen)) != DB_OK)
		goto out;
	while ((rc = db_next(res)) == 1) {
		long long	 from = db_int(res, 0);
		const char	*blob = db_str(res, 1);
		size_t		 len = blob != NULL ? db_len(res, 1) : 0;

		/* The list to keep in the cache, when this request fills it. */
		l = missing > 0 ? ncache_slot(from) : NULL;
		if (l != NULL && (l->movie != from || !l->filling))
			l = NULL;
		if (blob == NULL) {
			float	 w = (float)(db_double(res, 3) * REC_SIMILAR_WEIGHT);

			if (edge_add(edges, n, &cap, from, db_int(res, 2), w) == -1 ||
			    (l != NULL && nlist_add(l, db_int(res, 2), w) == -1))
				break;
			continue;
		}
		for (j = 0; j + REC_RANK_ENTRY <= len; j += REC_RANK_ENTRY) {
			uint64_t	 to;
			float		 w;

			rec_rank_decode((const unsigned char *)blob + j, &to, &w);
			if (edge_add(edges, n, &cap, from, (long long)to, w) == -1 ||
			    (l != NULL && nlist_add(l, (long long)to, w) == -1))
				break;
		}
		if (j + REC_RANK_ENTRY <= len)
			break;
	}
	rc = rc < 0 ? rc : rc == 1 ? DB_ERR_INTERNAL : DB_OK;
out:
	db_res_free(res);
	if (missing > 0) {
		if (rc == DB_OK)
			for (i = 0; i < u->nseeds; i++)
				ncache_slot(u->seeds[i].item)->filling = 0;
		else
			ncache.gen = 0;		/* half-read lists: the next request empties the cache */
	}
	if (rc != DB_OK) {
		free(*edges);
		*edges = NULL;
		*n = 0;
	}
	return rc;
}

/* Add the personal picks (neighbours of the seeds) to arr. Returns DB_OK or a db_rc. */
static int
add_personal(struct req *r, const struct user_events *u, int limit, cJSON *arr)
{
	struct db_res	*res = NULL;
	struct rec_edge	*edges = NULL;
	struct rec_pick	*picks = NULL;
	cJSON		**objs = NULL;	/* summaries by pick, owned until added */
	size_t		 n = 0, np = 0, i;
	int		 rc;

	if (u->nseeds == 0 || u->gen == 0)
		return DB_OK;
	if ((rc = seed_edges(r, u, &edges, &n)) != DB_OK)
		goto out;
	if ((picks = malloc((size_t)limit * sizeof(*picks))) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	np = rec_rank(edges, n, u->seeds, u->nseeds, u->exclude, u->nexclude, (size_t)limit, picks);
	if (np == (size_t)-1) {
		np = 0;
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	/* Summaries twenty at a time, then in the picks' order. */
	if ((objs = calloc(np + 1, sizeof(*objs))) == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	for (i = 0; i < np; i += 20) {
		long long	 id[20];
		size_t		 j;

		for (j = 0; j < 20; j++)
			id[j] = i + j < np ? picks[i + j].item : 0;
		if ((rc = db_exec(r->db, STMT_RECS_SUMMARY20, &res, "iiiiiiiiiiiiiiiiiiii",
		    id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10],
		    id[11], id[12], id[13], id[14], id[15], id[16], id[17], id[18], id[19])) != DB_OK)
			goto out;
		while ((rc = db_next(res)) == 1)
			for (j = i; j < np && j < i + 20; j++)
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
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, 50 },
	{ ARG_NONE }
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
	unsigned long long	 uver;
	long long		 gid = 0, gen;
	char			*gname = NULL, key[128];
	const char		*body;
	size_t			 len;
	int			 limit = (int)req_int(r, ARG_LIMIT, 20), rc, status;

	memset(&u, 0, sizeof(u));
	/*
	 * What the answer depends on, read first (lib/board.c): the catalog,
	 * users' data written around the API, the active generation, and the
	 * caller's own counter, which every write of theirs through the API
	 * raises. Whatever changes after this read moves one of them, so an
	 * answer kept under them is never served after its inputs changed.
	 */
	if ((rc = req_versions(r)) != DB_OK)
		goto fail;
	uver = r->versions.user;
	gen = (long long)r->versions.generation;
	if (!answers_made) {
		answers = rcache_new(RECS_ANSWERS, RECS_ANSWER_MAX);
		answers_made = 1;
	}
	snprintf(key, sizeof(key), "%lld/%d/%lld/%llu/%llu", r->user_id, limit, gen,
	    r->versions.catalog, r->versions.userdata);
	body = rcache_get(answers, key, uver, &len);
	metrics_memory(MEM_RECS, body != NULL);
	if (body != NULL)
		return resp_copy(w, 200, body, len);
	if ((rc = user_events_load(r, &u)) != DB_OK)
		goto fail;
	u.gen = gen;	/* the lists of the generation the answer is kept under */
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
	status = resp_results(w, arr);
	if (status == 200 && w->body != NULL)
		rcache_put(answers, key, uver, w->body, w->body_len);
	return status;
fail:
	user_events_free(&u);
	free(gname);
	cJSON_Delete(arr);
	status = resp_db(w, rc);
	return status;
}
