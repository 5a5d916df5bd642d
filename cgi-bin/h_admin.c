/*
 * h_admin.c: the administrator's movie routes: create, change and delete a
 * movie, its genres kept in order in movies.genres and movie_genres, its
 * search index refreshed in the same transaction, every worker's answers of
 * the old catalog dropped at once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "movie.h"
#include "search_index.h"
#include "valid.h"

#define GENRES_MAX	20	/* genres of one movie */
#define GENRE_NAME_MAX	64	/* characters of a genre name (genres.name) */
#define GENRES_TEXT_MAX	500	/* bytes of movies.genres */
#define GENRES_REFUSED	1	/* a genre repeats, or the joined names are too long */

/* A movie's editable columns, as bound to STMT_ADM_MOVIE_INSERT and _UPDATE. */
struct movie_row {
	char		*title, *description, *language, *poster_url, *banner_url,
			*video_path, *genres;		/* owned copies, NULL = SQL NULL */
	long long	 year, duration;
	double		 rating;
	int		 has_year, has_duration, has_rating;
};

/* The resolved genres of a request: ids and stored names, in order. */
struct genre_list {
	long long	 id[GENRES_MAX];
	size_t		 n;
	char		 text[GENRES_TEXT_MAX + 1];	/* '|'-joined stored names */
};

static void
movie_row_free(struct movie_row *m)
{
	free(m->title);
	free(m->description);
	free(m->language);
	free(m->poster_url);
	free(m->banner_url);
	free(m->video_path);
	free(m->genres);
	memset(m, 0, sizeof(*m));
}

/* strdup that accepts NULL; *ok is cleared when out of memory. */
static char *
dup_or_null(const char *s, int *ok)
{
	char	*p;

	if (s == NULL)
		return NULL;
	if ((p = strdup(s)) == NULL)
		*ok = 0;
	return p;
}

/*
 * Check the fields an admin movie request carries beyond what the input
 * table checks (URLs, language, path, genres' shape). Returns NULL when
 * they are good, else the fields object (the caller owns it).
 */
static cJSON *
movie_fields_check(struct req *r)
{
	static const enum arg	 urls[] = { ARG_POSTER_URL, ARG_BANNER_URL };
	const cJSON		*g, *e;
	cJSON			*f = NULL;
	const char		*s;
	size_t			 i, n = 0;
	long			 len;

#define BAD(name, msg) do { \
	if (f == NULL && (f = cJSON_CreateObject()) == NULL) return NULL; \
	if (cJSON_GetObjectItem(f, name) == NULL) cJSON_AddStringToObject(f, name, msg); \
} while (0)
	for (i = 0; i < 2; i++)
		if ((s = req_str(r, urls[i])) != NULL && valid_http_url(s) == -1)
			BAD(arg_name(urls[i]), "must be an http or https URL");
	if ((s = req_str(r, ARG_LANGUAGE)) != NULL && valid_language(s) == -1)
		BAD("language", "must be 2 or 3 lowercase letters");
	if ((s = req_str(r, ARG_VIDEO_PATH)) != NULL && valid_video_path(s) == -1)
		BAD("video_path", "must be a relative path of letters, digits, '.', '_', '-' and '/'");
	if ((g = cJSON_GetObjectItemCaseSensitive(r->json, "genres")) != NULL) {
		if (!cJSON_IsArray(g))
			BAD("genres", "must be an array of genre names");
		else {
			cJSON_ArrayForEach(e, g) {
				n++;
				if (!cJSON_IsString(e) ||
				    (len = valid_utf8(e->valuestring, strlen(e->valuestring), 0)) < 1 ||
				    len > GENRE_NAME_MAX || strchr(e->valuestring, '|') != NULL ||
				    isspace((unsigned char)e->valuestring[0]) ||
				    isspace((unsigned char)e->valuestring[strlen(e->valuestring) - 1]))
					BAD("genres", "must be names of 1 to 64 characters, without "
					    "'|' or spaces around");
			}
			if (n > GENRES_MAX)
				BAD("genres", "must have at most 20 genres");
		}
	}
#undef BAD
	return f;
}

/*
 * Make sure every genre named in the request exists (creating the missing
 * ones, under the name genre_synonyms stores their spelling under: "Science
 * Fiction" is Sci-Fi) and fill *gl with their ids and stored names in order. Returns a
 * db_rc, or GENRES_REFUSED when a genre repeats (names that the database counts as the
 * same) or the joined names are too long for movies.genres.
 */
static int
genres_resolve(struct db *db, const cJSON *arr, struct genre_list *gl)
{
	const cJSON	*e;
	struct db_res	*res = NULL;
	size_t		 i, off = 0, len;
	const char	*name;
	int		 rc;

	memset(gl, 0, sizeof(*gl));
	cJSON_ArrayForEach(e, arr) {
		if ((rc = db_exec(db, STMT_ADM_GENRE_ADD, NULL, "ss", e->valuestring,
		    e->valuestring)) != DB_OK ||
		    (rc = db_exec(db, STMT_ADM_GENRE_FIND, &res, "ss", e->valuestring,
		    e->valuestring)) != DB_OK)
			return rc;
		if ((rc = db_next(res)) != 1) {
			db_res_free(res);
			return rc == 0 ? DB_ERR_INTERNAL : rc;
		}
		gl->id[gl->n] = db_int(res, 0);
		name = db_str(res, 1);
		len = name ? strlen(name) : 0;
		for (i = 0; i < gl->n; i++)
			if (gl->id[i] == gl->id[gl->n])
				break;
		if (i < gl->n || off + len + 1 > GENRES_TEXT_MAX) {
			db_res_free(res);
			return GENRES_REFUSED;
		}
		if (gl->n > 0)
			gl->text[off++] = '|';
		memcpy(gl->text + off, name, len);
		off += len;
		gl->text[off] = '\0';
		gl->n++;
		db_res_free(res);
	}
	return DB_OK;
}

/* Replace the movie_genres rows of movie id with gl, in order. Returns a db_rc. */
static int
genres_store(struct db *db, long long id, const struct genre_list *gl)
{
	size_t	 i;
	int	 rc;

	if ((rc = db_exec(db, STMT_ADM_MOVIE_GENRES_CLEAR, NULL, "i", id)) != DB_OK)
		return rc;
	for (i = 0; i < gl->n; i++)
		if ((rc = db_exec(db, STMT_ADM_MOVIE_GENRE_ADD, NULL, "iii", id, gl->id[i],
		    (long long)i)) != DB_OK)
			return rc;
	return DB_OK;
}

/* Override the columns of m with the fields the request carries. Returns 0, or -1 out of memory. */
static int
movie_row_merge(struct req *r, struct movie_row *m)
{
	struct { enum arg arg; char **col; } strs[] = {
		{ ARG_TITLE, &m->title }, { ARG_DESCRIPTION, &m->description },
		{ ARG_LANGUAGE, &m->language }, { ARG_POSTER_URL, &m->poster_url },
		{ ARG_BANNER_URL, &m->banner_url }, { ARG_VIDEO_PATH, &m->video_path },
	};
	size_t	 i;
	int	 good = 1;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (req_has(r, strs[i].arg)) {
			free(*strs[i].col);
			*strs[i].col = dup_or_null(req_str(r, strs[i].arg), &good);
		}
	if (req_has(r, ARG_RELEASE_YEAR)) {
		m->has_year = req_in(r, ARG_RELEASE_YEAR)->is_null == 0;
		m->year = req_int(r, ARG_RELEASE_YEAR, 0);
	}
	if (req_has(r, ARG_DURATION)) {
		m->has_duration = req_in(r, ARG_DURATION)->is_null == 0;
		m->duration = req_int(r, ARG_DURATION, 0);
	}
	if (req_has(r, ARG_RATING)) {
		m->has_rating = req_in(r, ARG_RATING)->is_null == 0;
		m->rating = req_num(r, ARG_RATING, 0);
	}
	return good ? 0 : -1;
}

/* Answer status with the movie summary (and video_path) of id. */
static int
movie_answer(struct req *r, struct resp *w, long long id, int status)
{
	struct db_res	*res = NULL;
	cJSON		*m = NULL;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_ADM_MOVIE_SUMMARY, &res, "i", id)) != DB_OK)
		return resp_db(w, rc);
	if ((rc = db_next(res)) == 1 && (m = movie_summary(res, 0)) != NULL)
		json_str(m, "video_path", db_str(res, MOVIE_NCOLS));
	db_res_free(res);
	if (rc != 1)
		return resp_db(w, rc == 0 ? DB_ERR_NOTFOUND : rc);
	if (m == NULL)
		return resp_error(w, 500, NULL, NULL);
	return resp_data(w, status, m);
}

/*
 * Write movie id (0: a new one) from m and, when genres is not NULL, its
 * genres, then refresh its search index: the caller's transaction. On a
 * new movie *newid receives its id. Returns a db_rc, or GENRES_REFUSED (see
 * genres_resolve).
 */
static int
movie_write(struct db *db, long long id, struct movie_row *m, const cJSON *genres,
    long long *newid)
{
	struct genre_list	 gl;
	const char		*gtext;
	int			 rc;

	gtext = m->genres ? m->genres : "";
	if (genres != NULL) {
		if ((rc = genres_resolve(db, genres, &gl)) != DB_OK)
			return rc;
		gtext = gl.text;
	}
	if (id == 0) {
		rc = db_exec(db, STMT_ADM_MOVIE_INSERT, NULL, "ssIsDIssss", m->title,
		    m->description, m->has_year ? &m->year : NULL, gtext,
		    m->has_rating ? &m->rating : NULL, m->has_duration ? &m->duration : NULL,
		    m->language, m->poster_url, m->banner_url, m->video_path);
		if (rc != DB_OK)
			return rc;
		id = *newid = db_insert_id(db);
	} else if ((rc = db_exec(db, STMT_ADM_MOVIE_UPDATE, NULL, "ssIsDIssssi", m->title,
	    m->description, m->has_year ? &m->year : NULL, gtext,
	    m->has_rating ? &m->rating : NULL, m->has_duration ? &m->duration : NULL,
	    m->language, m->poster_url, m->banner_url, m->video_path, id)) != DB_OK)
		return rc;
	if (genres != NULL && (rc = genres_store(db, id, &gl)) != DB_OK)
		return rc;
	return search_index_movie(db, id);
}

#define MOVIE_INPUTS(title_flags) \
	{ ARG_TITLE, IN_BODY, IN_STR, title_flags, 1, 300 }, \
	{ ARG_DESCRIPTION, IN_BODY, IN_STR, IN_NULLABLE, 0, 10000 }, \
	{ ARG_RELEASE_YEAR, IN_BODY, IN_INT, IN_NULLABLE, 1870, 2100 }, \
	{ ARG_RATING, IN_BODY, IN_NUM, IN_NULLABLE, 0, 10 }, \
	{ ARG_DURATION, IN_BODY, IN_INT, IN_NULLABLE, 1, 1000 }, \
	{ ARG_LANGUAGE, IN_BODY, IN_STR, IN_NULLABLE, 2, 3 }, \
	{ ARG_POSTER_URL, IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ ARG_BANNER_URL, IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ ARG_VIDEO_PATH, IN_BODY, IN_STR, IN_NULLABLE, 1, 500 }, \
	{ ARG_NONE }

/* Answer the result of a failed movie_write transaction. */
static int
movie_write_error(struct resp *w, int rc)
{
	if (rc == GENRES_REFUSED)
		return resp_field(w, "genres", "must not repeat a genre, and must fit in 500 "
		    "bytes joined");
	return resp_db(w, rc);
}

/* Read the editable columns of movie id, locking its row. Returns a db_rc (NOTFOUND). */
static int
movie_row_lock(struct db *db, long long id, struct movie_row *m)
{
	struct db_res	*res = NULL;
	int		 rc, good = 1;

	memset(m, 0, sizeof(*m));
	if ((rc = db_row(db, STMT_ADM_MOVIE_LOCK, &res, "i", id)) != DB_OK)
		return rc;
	m->title = dup_or_null(db_str(res, 0), &good);
	m->description = dup_or_null(db_str(res, 1), &good);
	m->has_year = !db_isnull(res, 2);
	m->year = db_int(res, 2);
	m->has_rating = !db_isnull(res, 3);
	m->rating = db_double(res, 3);
	m->has_duration = !db_isnull(res, 4);
	m->duration = db_int(res, 4);
	m->language = dup_or_null(db_str(res, 5), &good);
	m->poster_url = dup_or_null(db_str(res, 6), &good);
	m->banner_url = dup_or_null(db_str(res, 7), &good);
	m->video_path = dup_or_null(db_str(res, 8), &good);
	m->genres = dup_or_null(db_str(res, 9), &good);
	db_res_free(res);
	return good ? DB_OK : DB_ERR_INTERNAL;
}

/* An admin write (db_tx): the request, its genres (NULL: unchanged) and the row. */
struct movie_edit {
	struct req	*r;
	const cJSON	*genres;
	struct movie_row m;
	long long	 id;		/* the movie changed; 0 makes one */
	long long	 made;		/* the id of the one made */
};

/*
 * The row as stored (locked), or an empty one for a new movie, with the
 * request's fields over it, written back.
 */
static int
movie_save_tx(struct db *db, void *arg)
{
	struct movie_edit	*e = arg;
	int			 rc;

	movie_row_free(&e->m);
	if (e->id != 0 && (rc = movie_row_lock(db, e->id, &e->m)) != DB_OK)
		return rc;
	if (movie_row_merge(e->r, &e->m) == -1)
		return DB_ERR_INTERNAL;
	return movie_write(db, e->id, &e->m, e->genres, e->id == 0 ? &e->made : NULL);
}

/*
 * POST /admin/movies and PATCH /admin/movies/{id}: check the fields, save
 * movie id (0: a new one) and answer it with status.
 */
static int
movie_save(struct req *r, struct resp *w, long long id, int status)
{
	struct movie_edit	 e = { .r = r, .id = id };
	cJSON			*f;
	int			 rc;

	if ((f = movie_fields_check(r)) != NULL)
		return resp_fields(w, f);
	e.genres = cJSON_GetObjectItemCaseSensitive(r->json, "genres");
	rc = db_tx(r->db, movie_save_tx, &e);
	movie_row_free(&e.m);
	if (rc != DB_OK)
		return movie_write_error(w, rc);
	return movie_answer(r, w, id != 0 ? id : e.made, status);
}

/* The movie (its genres, credits and library rows by the cascades) and its search entries. */
static int
movie_delete_tx(struct db *db, void *arg)
{
	long long	 id = *(long long *)arg;
	int		 rc;

	if ((rc = db_exec(db, STMT_ADM_MOVIE_DELETE, NULL, "i", id)) != DB_OK)
		return rc;
	if (db_affected(db) != 1)
		return DB_ERR_NOTFOUND;
	return search_index_movie(db, id);
}

const struct input h_admin_movie_create_in[] = { MOVIE_INPUTS(IN_REQUIRED) };

/*
 * POST /admin/movies (admin): a new movie; genres (an array of names) are
 * created when missing and kept in order in movies.genres and movie_genres.
 * Answers 201 with the movie under data, 400 with fields, 401, 403, 503, 500.
 */
int
h_admin_movie_create(struct req *r, struct resp *w)
{
	return movie_save(r, w, 0, 201);
}

const struct input h_admin_movie_update_in[] = { MOVIE_INPUTS(0) };

/*
 * PATCH /admin/movies/{id} (admin): change the fields given (null clears a
 * nullable one; genres replaces the list). Answers 200 with the movie under
 * data, 400 with fields, 401, 403, 404, 503, 500.
 */
int
h_admin_movie_update(struct req *r, struct resp *w)
{
	return movie_save(r, w, req_id(r), 200);
}

const struct input h_admin_movie_delete_in[] = { { ARG_NONE } };

/*
 * DELETE /admin/movies/{id} (admin): remove the movie and, by the foreign
 * keys' cascades, its genres, credits and every library row naming it.
 * Answers 204, 401, 403, 404, 503, 500.
 */
int
h_admin_movie_delete(struct req *r, struct resp *w)
{
	long long	 id = req_id(r);
	int		 rc;

	if ((rc = db_tx(r->db, movie_delete_tx, &id)) != DB_OK)
		return resp_db(w, rc);
	return resp_empty(w, 204);
}
