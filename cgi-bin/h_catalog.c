/* h_catalog.c: the catalog: browse, detail, credits, genres, search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db_catalog.h"
#include "handlers.h"
#include "movie.h"

#define GENRES_MAX	4	/* genre names one /movies request may combine */
#define DETAIL_CAST	20	/* cast members in a movie's detail (credits has them all) */
#define CREDITS_CAST	1000	/* cast members in credits */
#define DETAIL_SIMILAR	10	/* similar movies in a movie's detail */

/* The sorts of GET /movies and their statements, without and with a genre. */
static const struct {
	const char	*name;
	enum stmt_id	 all, by_genre;
} sorts[] = {
	{ "rating_desc", STMT_MOVIES_RATING_DESC, STMT_MOVIES_RATING_DESC_G },	/* the default */
	{ "rating_asc", STMT_MOVIES_RATING_ASC, STMT_MOVIES_RATING_ASC_G },
	{ "title_asc", STMT_MOVIES_TITLE_ASC, STMT_MOVIES_TITLE_ASC_G },
	{ "title_desc", STMT_MOVIES_TITLE_DESC, STMT_MOVIES_TITLE_DESC_G },
	{ "year_desc", STMT_MOVIES_YEAR_DESC, STMT_MOVIES_YEAR_DESC_G },
	{ "year_asc", STMT_MOVIES_YEAR_ASC, STMT_MOVIES_YEAR_ASC_G },
	{ "popularity_desc", STMT_MOVIES_POPULARITY_DESC, STMT_MOVIES_POPULARITY_DESC_G },
	{ "added_desc", STMT_MOVIES_ADDED_DESC, STMT_MOVIES_ADDED_DESC_G },	/* newest additions */
};

/*
 * Add name: the absolute URL of a TMDB-style image path ("/abc.jpg" under
 * tmdb_image_base, size w185), the path itself when it is already a URL, or
 * null when there is none.
 */
static void
add_profile_url(cJSON *obj, const char *name, const char *path)
{
	char	 url[1024];

	if (path == NULL || *path == '\0') {
		cJSON_AddNullToObject(obj, name);
		return;
	}
	if (strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0) {
		cJSON_AddStringToObject(obj, name, path);
		return;
	}
	snprintf(url, sizeof(url), "%s/w185%s%s", config.tmdb_image_base,
	    path[0] == '/' ? "" : "/", path);
	cJSON_AddStringToObject(obj, name, url);
}

/*
 * Read the genre names of "a,b" (spaces around names ignored; any spelling
 * of genre_synonyms, any case) into the genre ids they name. Returns 0 with *n ids; 1 when a name is no genre
 * (nothing can match); -1 after answering 400 when the list is malformed;
 * 2 with *rc set on a database error.
 */
static int
genre_ids(struct req *r, struct resp *w, const char *list, long long *ids, int *n, int *rc)
{
	char		 buf[256], *names[GENRES_MAX], *p, *name, *end;
	int		 nn = 0, i, found, unknown = 0;

	*n = 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (p = buf; p != NULL; ) {
		name = p;
		if ((p = strchr(p, ',')) != NULL)
			*p++ = '\0';
		while (*name == ' ')
			name++;
		for (end = name + strlen(name); end > name && end[-1] == ' '; end--)
			end[-1] = '\0';
		if (*name == '\0') {
			resp_field(w, "genre", "must be genre names separated by commas");
			return -1;
		}
		if (nn == GENRES_MAX) {
			resp_field(w, "genre", "may combine at most 4 genres");
			return -1;
		}
		names[nn++] = name;
	}
	for (i = 0; i < nn && !unknown; i++) {
		if ((found = db_catalog_genre_id(r->db, names[i], &ids[*n])) == DB_OK)
			(*n)++;
		else if (found == DB_ERR_NOTFOUND)
			unknown = 1;
		else {
			*rc = found;
			return 2;
		}
	}
	return unknown ? 1 : 0;
}

const struct input h_movies_list_in[] = {
	IN_PAGING(1000000),
	{ ARG_GENRE, IN_QUERY, IN_STR, 0, 1, 200 },
	{ ARG_YEAR, IN_QUERY, IN_INT, 0, 1800, 3000 },
	{ ARG_YEAR_FROM, IN_QUERY, IN_INT, 0, 1800, 3000 },
	{ ARG_YEAR_TO, IN_QUERY, IN_INT, 0, 1800, 3000 },
	{ ARG_MIN_RATING, IN_QUERY, IN_NUM, 0, 0, 10 },
	{ ARG_LANGUAGE, IN_QUERY, IN_STR, 0, 1, 8 },
	{ ARG_SORT, IN_QUERY, IN_STR, 0, 1, 32 },
	{ ARG_NONE }
};

/*
 * GET /movies: a page of movies, filtered and sorted (see API.md). Answers
 * 200 (an empty page past the end, with the true totals), 400 naming the
 * parameter, 503 when the store is down.
 */
int
h_movies_list(struct req *r, struct resp *w)
{
	long long	 page = req_int(r, ARG_PAGE, 1), per_page = req_int(r, ARG_PER_PAGE, 20);
	long long	 year, year_from, year_to, gids[GENRES_MAX], total = 0, off;
	const long long	*py, *pyf, *pyt, *pg[GENRES_MAX];
	double		 min_rating;
	const double	*pmr;
	const char	*sort = req_str(r, ARG_SORT), *lang = req_str(r, ARG_LANGUAGE);
	struct db_res	*res = NULL;
	cJSON		*results;
	size_t		 si;
	int		 ng = 0, rc = DB_OK, i;

	for (si = 0; sort != NULL && si < sizeof(sorts) / sizeof(sorts[0]); si++)
		if (strcmp(sorts[si].name, sort) == 0)
			break;
	if (sort == NULL)
		si = 0;
	else if (si == sizeof(sorts) / sizeof(sorts[0]))
		return resp_field(w, "sort", "must be rating_desc, rating_asc, title_asc, "
		    "title_desc, year_desc, year_asc, popularity_desc or added_desc");
	if (req_str(r, ARG_GENRE) != NULL) {
		switch (genre_ids(r, w, req_str(r, ARG_GENRE), gids, &ng, &rc)) {
		case -1:
			return w->status;
		case 1:
			return resp_page(w, cJSON_CreateArray(), page, per_page, 0);
		case 2:
			return resp_db(w, rc);
		}
	}
	year = req_int(r, ARG_YEAR, 0);
	year_from = req_int(r, ARG_YEAR_FROM, 0);
	year_to = req_int(r, ARG_YEAR_TO, 0);
	min_rating = req_num(r, ARG_MIN_RATING, 0);
	py = req_has(r, ARG_YEAR) ? &year : NULL;
	pyf = req_has(r, ARG_YEAR_FROM) ? &year_from : NULL;
	pyt = req_has(r, ARG_YEAR_TO) ? &year_to : NULL;
	pmr = req_has(r, ARG_MIN_RATING) ? &min_rating : NULL;
	for (i = 0; i < GENRES_MAX; i++)
		pg[i] = i < ng ? &gids[i] : NULL;
	off = (page - 1) * per_page;

	if (ng == 0)
		rc = db_exec(r->db, STMT_MOVIES_COUNT, &res, CATALOG_FILTERS_FMT,
		    py, pyf, pyt, pmr, lang);
	else
		rc = db_exec(r->db, STMT_MOVIES_COUNT_G, &res, CATALOG_GENRE_FILTERS_FMT,
		    gids[0], py, pyf, pyt, pmr, lang, pg[1], pg[2], pg[3]);
	if (rc != DB_OK)
		return resp_db(w, rc);
	if ((rc = db_next(res)) == 1)
		total = db_int(res, 0);
	db_res_free(res);
	res = NULL;
	if (rc < 0)
		return resp_db(w, rc);
	if ((results = cJSON_CreateArray()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	if (off >= total)
		return resp_page(w, results, page, per_page, total);

	if (ng == 0)
		rc = db_exec(r->db, sorts[si].all, &res, CATALOG_FILTERS_FMT "ii",
		    py, pyf, pyt, pmr, lang, per_page, off);
	else
		rc = db_exec(r->db, sorts[si].by_genre, &res, CATALOG_GENRE_FILTERS_FMT "ii",
		    gids[0], py, pyf, pyt, pmr, lang, pg[1], pg[2], pg[3], per_page, off);
	if (rc != DB_OK) {
		cJSON_Delete(results);
		return resp_db(w, rc);
	}
	while ((rc = db_next(res)) == 1)
		cJSON_AddItemToArray(results, movie_summary(res, 0));
	db_res_free(res);
	if (rc < 0) {
		cJSON_Delete(results);
		return resp_db(w, rc);
	}
	return resp_page(w, results, page, per_page, total);
}

/* A movie summary of the row (resp_rows). */
static cJSON *
summary_row(struct db_res *res, const void *arg)
{
	(void)arg;
	return movie_summary(res, 0);
}

const struct input h_movies_popular_in[] = {
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, 50 },
	{ ARG_NONE }
};

/* GET /movies/popular: the most popular movies. Answers 200, 400 (limit), 503. */
int
h_movies_popular(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc;

	rc = db_exec(r->db, STMT_MOVIES_POPULAR, &res, "i", req_int(r, ARG_LIMIT, 20));
	return resp_rows(w, rc, res, summary_row, NULL);
}

/*
 * Read the summary of movie id into *out (the caller owns it). Returns
 * DB_OK, DB_ERR_NOTFOUND, or another db_rc error.
 */
static int
summary_get(struct db *db, long long id, cJSON **out)
{
	struct db_res	*res = NULL;
	int		 rc;

	*out = NULL;
	if ((rc = db_row(db, STMT_MOVIE_SUMMARY, &res, "i", id)) != DB_OK)
		return rc;
	*out = movie_summary(res, 0);
	db_res_free(res);
	return *out != NULL ? DB_OK : DB_ERR_INTERNAL;
}

const struct input h_search_in[] = {
	{ ARG_Q, IN_QUERY, IN_STR, IN_REQUIRED, 1, 200 },
	IN_PAGING(1000000),
	{ ARG_NONE }
};

/*
 * GET /search?q= and GET /movies/search?q=: a page of the movies matching
 * q, best first (see db_catalog_search). Answers 200, 400 (q, page,
 * per_page), 503.
 */
int
h_search(struct req *r, struct resp *w)
{
	long long	 page = req_int(r, ARG_PAGE, 1), per_page = req_int(r, ARG_PER_PAGE, 20);
	long long	 ids[100], total;
	cJSON		*results, *m;
	int		 nids, i, rc;

	if ((rc = db_catalog_search(r->db, req_str(r, ARG_Q), (page - 1) * per_page,
	    (int)per_page, ids, &nids, &total)) != DB_OK)
		return resp_db(w, rc);
	if ((results = cJSON_CreateArray()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	for (i = 0; i < nids; i++) {
		rc = summary_get(r->db, ids[i], &m);
		if (rc == DB_ERR_NOTFOUND)
			continue;	/* deleted since the search ran */
		if (rc != DB_OK) {
			cJSON_Delete(results);
			return resp_db(w, rc);
		}
		cJSON_AddItemToArray(results, m);
	}
	return resp_page(w, results, page, per_page, total);
}

/*
 * A person of a movie from the row's columns c (id), c + 1 (name) and, for
 * a cast member, c + 2 (character), c + 3 (profile_path: as profile_url,
 * and as itself when with_path) and c + 4 (billing order), as credits and
 * the detail both read them. NULL when out of memory.
 */
static cJSON *
person_json(struct db_res *res, int c, int cast, int with_path)
{
	cJSON	*p;

	if ((p = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(p, "id", (double)db_int(res, c));
	json_str(p, "name", db_str(res, c + 1));
	if (!cast)
		return p;
	json_str(p, "character", db_str(res, c + 2));
	if (with_path)
		json_str(p, "profile_path", db_str(res, c + 3));
	add_profile_url(p, "profile_url", db_str(res, c + 3));
	cJSON_AddNumberToObject(p, "order", (double)db_int(res, c + 4));
	return p;
}

/*
 * Add to obj the cast of movie id as "cast" (credits has them all): id,
 * name, character, profile_path, profile_url, order. Returns DB_OK or a
 * db_rc error.
 */
static int
add_cast(struct db *db, cJSON *obj, long long id)
{
	struct db_res	*res = NULL;
	cJSON		*cast, *p;
	int		 rc;

	if ((rc = db_exec(db, STMT_MOVIE_CAST, &res, "ii", id, (long long)CREDITS_CAST)) != DB_OK)
		return rc;
	cast = cJSON_AddArrayToObject(obj, "cast");
	while ((rc = db_next(res)) == 1)
		if ((p = person_json(res, 1, 1, 1)) != NULL)
			cJSON_AddItemToArray(cast, p);
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/*
 * The anonymous detail of movie id, read in one round trip (STMT_MOVIE_DETAIL):
 * the summary with cast (id, name, character, profile_url, order), directors
 * (id, name), similar_movies (summary + score) and video_url null, into *out.
 * Returns DB_OK, DB_ERR_NOTFOUND, or a db_rc error (*out NULL).
 */
static int
detail_get(struct db *db, long long id, cJSON **out)
{
	struct db_res	*res = NULL;
	cJSON		*m = NULL, *cast, *dirs, *similar, *o;
	long long	 part;
	int		 rc, found = 0;

	*out = NULL;
	if ((rc = db_exec(db, STMT_MOVIE_DETAIL, &res, "iiiiii", id, id, (long long)DETAIL_CAST,
	    id, id, (long long)DETAIL_SIMILAR)) != DB_OK)
		return rc;
	cast = cJSON_CreateArray();
	dirs = cJSON_CreateArray();
	similar = cJSON_CreateArray();
	while ((rc = db_next(res)) == 1) {
		part = db_int(res, DETAIL_KIND);
		if (part == DETAIL_PART_SUMMARY) {
			found = 1;
			cJSON_Delete(m);
			m = movie_summary(res, DETAIL_MOVIE);
			continue;
		}
		if (part == DETAIL_PART_SIMILAR) {
			if ((o = movie_summary(res, DETAIL_MOVIE)) == NULL)
				continue;
			json_round(o, "score", db_double(res, DETAIL_SCORE), 4, 0);
			cJSON_AddItemToArray(similar, o);
			continue;
		}
		if ((o = person_json(res, DETAIL_PERSON_ID, part == DETAIL_PART_CAST, 0)) != NULL)
			cJSON_AddItemToArray(part == DETAIL_PART_CAST ? cast : dirs, o);
	}
	db_res_free(res);
	if (rc == 0 && !found)
		rc = DB_ERR_NOTFOUND;
	else if (rc == 0 && (m == NULL || cast == NULL || dirs == NULL || similar == NULL))
		rc = DB_ERR_INTERNAL;
	if (rc != 0) {
		cJSON_Delete(m);
		cJSON_Delete(cast);
		cJSON_Delete(dirs);
		cJSON_Delete(similar);
		return rc;
	}
	cJSON_AddItemToObject(m, "cast", cast);
	cJSON_AddItemToObject(m, "directors", dirs);
	cJSON_AddItemToObject(m, "similar_movies", similar);
	cJSON_AddItemToObject(m, "video_url", cJSON_CreateNull());
	*out = m;
	return DB_OK;
}

const struct input h_movie_get_in[] = { { ARG_NONE } };

/* How every anonymous detail ends; a caller's video_url and user_state go in its place. */
#define DETAIL_TAIL	",\"video_url\":null}}"

/*
 * GET /movies/{id} with a token: the anonymous answer (usually from the
 * worker's memory, api_anonymous) with the caller's video_url and
 * user_state put in place of its tail (viewer_movie: usually from memory
 * too). The bytes before the tail are the anonymous ones.
 */
static int
movie_get_viewer(struct req *r, struct resp *w)
{
	struct viewer_movie	 vm;
	cJSON			*st, *url;
	char			*s1 = NULL, *s2 = NULL, *body;
	size_t			 tail = strlen(DETAIL_TAIL), keep, n1, n2;
	long long		 id = req_id(r);
	int			 rc;

	if (api_anonymous(r, w) != 200)
		return w->status;
	if (w->body_len < tail || memcmp(w->body + w->body_len - tail, DETAIL_TAIL, tail) != 0)
		return resp_error(w, 500, NULL, NULL);
	if ((rc = viewer_movie(r, id, &vm)) != DB_OK)
		return rc == DB_ERR_NOTFOUND ? resp_error(w, 404, "not_found",
		    "There is no such movie.") : resp_db(w, rc);
	st = library_user_state(&vm);
	url = subs_video_url(r, vm.access, vm.video_path);
	rc = -1;
	if (st != NULL && url != NULL && (s1 = cJSON_PrintUnformatted(url)) != NULL &&
	    (s2 = cJSON_PrintUnformatted(st)) != NULL) {
		keep = w->body_len - tail;
		n1 = strlen(s1);
		n2 = strlen(s2);
		if ((body = realloc(w->body, keep + n1 + n2 + 32)) != NULL) {
			w->body = body;
			w->body_len = keep + (size_t)snprintf(body + keep, n1 + n2 + 32,
			    ",\"video_url\":%s,\"user_state\":%s}}", s1, s2);
			rc = 0;
		}
	}
	cJSON_Delete(st);
	cJSON_Delete(url);
	free(s1);
	free(s2);
	return rc == 0 ? 200 : resp_error(w, 500, NULL, NULL);
}

/*
 * GET /movies/{id}: the movie's summary with cast, directors, similar
 * movies, video_url (null) and, with a token, the caller's video_url and
 * user_state (movie_get_viewer). Answers 200, 404 when there is no such
 * movie, 503.
 */
int
h_movie_get(struct req *r, struct resp *w)
{
	cJSON	*m;
	int	 rc;

	if (r->user_id != 0)
		return movie_get_viewer(r, w);
	if ((rc = detail_get(r->db, req_id(r), &m)) != DB_OK)
		return resp_db(w, rc);
	return resp_data(w, 200, m);
}

const struct input h_movie_credits_in[] = { { ARG_NONE } };

/*
 * GET /movies/{id}/credits: {id, cast, crew}. Answers 200, 404 when there
 * is no such movie, 503.
 */
int
h_movie_credits(struct req *r, struct resp *w)
{
	long long	 id = req_id(r);
	struct db_res	*res = NULL;
	cJSON		*root, *m = NULL, *crew, *c;
	int		 rc;

	if ((rc = summary_get(r->db, id, &m)) != DB_OK)
		return resp_db(w, rc);
	cJSON_Delete(m);
	if ((root = cJSON_CreateObject()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	cJSON_AddBoolToObject(root, "success", 1);
	cJSON_AddNumberToObject(root, "id", (double)id);
	if ((rc = add_cast(r->db, root, id)) != DB_OK)
		goto fail;
	if ((rc = db_exec(r->db, STMT_MOVIE_CREW, &res, "i", id)) != DB_OK)
		goto fail;
	crew = cJSON_AddArrayToObject(root, "crew");
	while ((rc = db_next(res)) == 1) {
		if ((c = cJSON_CreateObject()) == NULL)
			continue;
		cJSON_AddNumberToObject(c, "id", (double)db_int(res, 0));
		json_str(c, "name", db_str(res, 1));
		json_str(c, "job", db_str(res, 2));
		cJSON_AddItemToArray(crew, c);
	}
	db_res_free(res);
	if (rc < 0)
		goto fail;
	return resp_json(w, 200, root);
fail:
	cJSON_Delete(root);
	return resp_db(w, rc);
}

/* A genre of GET /genres: id, name, movie_count, aliases (resp_rows). */
static cJSON *
genre_row(struct db_res *res, const void *arg)
{
	cJSON	*g;

	(void)arg;
	if ((g = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddNumberToObject(g, "id", (double)db_int(res, 0));
	json_str(g, "name", db_str(res, 1));
	cJSON_AddNumberToObject(g, "movie_count", (double)db_int(res, 2));
	cJSON_AddItemToObject(g, "aliases", json_list(db_str(res, 3)));
	return g;
}

const struct input h_genres_in[] = { { ARG_NONE } };

/*
 * GET /genres: every genre with its number of movies and its other
 * spellings (aliases: what the filter and search also accept), by name.
 * Answers 200, 503.
 */
int
h_genres(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc;

	rc = db_exec(r->db, STMT_GENRES_LIST, &res, "");
	return resp_rows(w, rc, res, genre_row, NULL);
}

/* A language of GET /languages: code, movie_count (resp_rows). */
static cJSON *
language_row(struct db_res *res, const void *arg)
{
	cJSON	*l;

	(void)arg;
	if ((l = cJSON_CreateObject()) == NULL)
		return NULL;
	json_str(l, "code", db_str(res, 0));
	cJSON_AddNumberToObject(l, "movie_count", (double)db_int(res, 1));
	return l;
}

const struct input h_languages_in[] = { { ARG_NONE } };

/*
 * GET /languages: the original languages of the catalog's movies (the
 * `language` filter of GET /movies takes these codes), each with its number
 * of movies, most first: {results: [{code, movie_count}]}. Empty when the
 * catalog knows no language (MovieLens alone). Answers 200, 503.
 */
int
h_languages(struct req *r, struct resp *w)
{
	struct db_res	*res = NULL;
	int		 rc;

	rc = db_exec(r->db, STMT_LANGUAGES_LIST, &res, "");
	return resp_rows(w, rc, res, language_row, NULL);
}
