/* import_tmdb.c: streamify-import tmdb --id N... | --popular PAGES: movies from the TMDB API v3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "db_import.h"
#include "import.h"
#include "log.h"
#include "tmdb.h"
#include "valid.h"

#define TA_HASH_VERSION	"tmdb/2"
#define TA_MAX_CAST	10	/* top-billed cast kept */
#define TA_MAX_DIRECTORS 8
#define TA_MAX_IDS	20000	/* ids of one run, popular pages included */

int
imp_json_names(struct db *db, struct imp_names *names, struct imp_arena *a,
    const cJSON *list, int is_genre, struct imp_movie *m, struct imp_hash *h, char *err,
    size_t errlen)
{
	const char	*what = is_genre ? "genres" : "keywords";
	const cJSON	*e, *name;
	const char	*stored;
	struct imp_kw	*kw = NULL;
	char		 buf[1024];
	long long	 id;
	size_t		 i, n = 0, len;
	long		 chars;

	if (!cJSON_IsArray(list)) {
		snprintf(err, errlen, "%s is not a JSON list", what);
		return -1;
	}
	if (db != NULL && !is_genre && (n = (size_t)cJSON_GetArraySize(list)) > 0 &&
	    (kw = imp_alloc(a, n * sizeof(*kw))) == NULL)
		return -2;
	if (db != NULL && is_genre) {
		m->ngenres = 0;
		m->genres[0] = '\0';
	}
	n = 0;
	cJSON_ArrayForEach(e, list) {
		name = cJSON_GetObjectItemCaseSensitive(e, "name");
		if (!cJSON_IsString(name) || name->valuestring == NULL ||
		    (chars = valid_utf8(name->valuestring, strlen(name->valuestring), 0)) < 0) {
			snprintf(err, errlen, "%s has an entry without a valid \"name\"", what);
			return -1;
		}
		if (chars == 0 || chars > (is_genre ? 64 : 200))
			continue;	/* nothing to keep */
		/* Keywords are normalised as MovieLens tags are: trimmed, ASCII lowercase. */
		snprintf(buf, sizeof(buf), "%s", name->valuestring);
		imp_squeeze(buf, !is_genre);
		/* One catalog, one name: TMDB's "Science Fiction" is stored as Sci-Fi. */
		if (is_genre && (stored = imp_genre_name(buf)) != buf)
			snprintf(buf, sizeof(buf), "%s", stored);
		if (buf[0] == '\0')
			continue;
		imp_hash_str(h, buf);
		if (db == NULL)
			continue;
		if ((id = imp_name_id(db, names, buf, is_genre)) == 0) {
			snprintf(err, errlen, "cannot store the name \"%s\"", buf);
			return -2;
		}
		if (!is_genre) {
			for (i = 0; i < n && kw[i].id != id; i++)
				;
			if (i == n) {
				kw[n].id = id;
				kw[n++].weight = 1;
			}
			continue;
		}
		for (i = 0; i < m->ngenres && m->genre_ids[i] != id; i++)
			;
		len = strlen(m->genres);
		if (i < m->ngenres || m->ngenres == IMP_MAX_GENRES || len + strlen(buf) + 2 > 500)
			continue;
		m->genre_ids[m->ngenres++] = id;
		snprintf(m->genres + len, sizeof(m->genres) - len, "%s%s", len ? "|" : "", buf);
	}
	if (db != NULL && !is_genre) {
		m->kw = kw;
		m->nkw = n;
	}
	return 0;
}

/* A string member (NULL when absent, null or empty); -1 in *bad when it is not UTF-8 text. */
static const char *
jstring(const cJSON *o, const char *name, int multiline, int *bad)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v) || v->valuestring == NULL ||
	    valid_utf8(v->valuestring, strlen(v->valuestring), multiline) < 0) {
		*bad = 1;
		return NULL;
	}
	return v->valuestring[0] ? v->valuestring : NULL;
}

/* A number member; def when absent or null; sets *bad when it is another type. */
static double
jnumber(const cJSON *o, const char *name, double def, int *bad)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (v == NULL || cJSON_IsNull(v))
		return def;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		*bad = 1;
		return def;
	}
	return v->valuedouble;
}

/* An image URL: tmdb_image_base + size + path ("/abc.jpg"), or NULL. */
static char *
image_url(struct imp_arena *a, const char *size, const char *path)
{
	char	 buf[512];

	if (path == NULL || path[0] != '/' || strlen(path) > 200 || strchr(path, '?') != NULL)
		return NULL;
	snprintf(buf, sizeof(buf), "%s/%s%s", config.tmdb_image_base, size, path);
	return imp_strdup(a, buf);
}

/* Read people from a credits list into out (at most max); directors only when job is set. */
static int
people(struct imp_arena *a, const cJSON *list, const char *job, struct imp_person *out,
    size_t max, size_t *n, struct imp_hash *h)
{
	const cJSON	*e;
	int		 bad = 0;
	double		 id;

	*n = 0;
	if (list == NULL)
		return 0;
	if (!cJSON_IsArray(list))
		return -1;
	cJSON_ArrayForEach(e, list) {
		struct imp_person	*p = &out[*n];
		const char		*name, *j;

		if (*n == max)
			break;
		if (!cJSON_IsObject(e))
			return -1;
		if (job != NULL && ((j = jstring(e, "job", 0, &bad)) == NULL ||
		    strcmp(j, job) != 0))
			continue;
		id = jnumber(e, "id", 0, &bad);
		name = jstring(e, "name", 0, &bad);
		if (bad || id < 1 || id > 1e12 || name == NULL || strlen(name) > 200)
			return -1;
		p->tmdb_id = (long long)id;
		p->name = imp_strdup(a, name);
		p->profile_path = imp_strdup(a, jstring(e, "profile_path", 0, &bad));
		if (p->profile_path != NULL && strlen(p->profile_path) > 300)
			p->profile_path = NULL;
		if (job == NULL) {
			p->character = imp_strdup(a, jstring(e, "character", 0, &bad));
			if (p->character != NULL && strlen(p->character) > 300)
				p->character = NULL;
			p->order = (long long)jnumber(e, "order", (double)*n, &bad);
			if (p->order < 0 || p->order > 65535)
				p->order = (long long)*n;
		}
		if (bad)
			return -1;
		imp_hash_int(h, p->tmdb_id);
		imp_hash_str(h, p->name);
		imp_hash_str(h, p->profile_path);
		imp_hash_str(h, p->character);
		imp_hash_int(h, p->order);
		(*n)++;
	}
	return 0;
}

/*
 * Fetch and convert one movie. Returns 0, 1 when unchanged since the last
 * import, -1 when this movie failed (message printed), -2 on a database error.
 */
static int
fetch_movie(struct tmdb *t, struct db *db, struct imp_names *names, struct imp_arena *a,
    const struct imp_state *state, long long id, struct imp_item *it)
{
	struct imp_movie	*m = &it->m;
	struct imp_person	*cast, *dirs;
	struct imp_hash		*h = NULL;
	cJSON			*d = NULL, *cr = NULL, *kw = NULL, *empty = NULL;
	const cJSON		*kwlist, *genres;
	const char		*date, *old;
	char			 path[64], err[256];
	double			 num;
	int			 bad = 0, rc = -1, r;
	long long		 year;

	snprintf(it->label, sizeof(it->label), "tmdb %lld", id);
	it->key = id;
	snprintf(path, sizeof(path), "/movie/%lld", id);
	if ((r = tmdb_get(t, path, NULL, &d, err, sizeof(err))) != TMDB_OK)
		goto failed;
	snprintf(path, sizeof(path), "/movie/%lld/credits", id);
	if ((r = tmdb_get(t, path, NULL, &cr, err, sizeof(err))) != TMDB_OK)
		goto failed;
	snprintf(path, sizeof(path), "/movie/%lld/keywords", id);
	if ((r = tmdb_get(t, path, NULL, &kw, err, sizeof(err))) != TMDB_OK)
		goto failed;

	if ((empty = cJSON_CreateArray()) == NULL) {
		rc = -2;
		goto out;
	}
	h = imp_hash_new(TA_HASH_VERSION);
	imp_hash_int(h, id);
	if (jnumber(d, "id", 0, &bad) != (double)id) {
		snprintf(err, sizeof(err), "the details are of another movie");
		goto malformed;
	}
	m->tmdb_id = id;
	m->title = imp_strdup(a, jstring(d, "title", 0, &bad));
	m->description = imp_strdup(a, jstring(d, "overview", 1, &bad));
	m->language = imp_strdup(a, jstring(d, "original_language", 0, &bad));
	m->imdb_id = imp_strdup(a, jstring(d, "imdb_id", 0, &bad));
	m->poster_url = image_url(a, "w500", jstring(d, "poster_path", 0, &bad));
	m->banner_url = image_url(a, "w1280", jstring(d, "backdrop_path", 0, &bad));
	date = jstring(d, "release_date", 0, &bad);
	num = jnumber(d, "runtime", 0, &bad);
	m->duration = num >= 1 && num <= 10000 ? (long long)round(num) : 0;
	m->vote_count = (long long)jnumber(d, "vote_count", 0, &bad);
	num = jnumber(d, "vote_average", 0, &bad);
	m->has_rating = m->vote_count > 0 && num >= 0 && num <= 10;
	m->rating = round(num * 10) / 10;
	m->popularity = jnumber(d, "popularity", 0, &bad);
	if (bad || m->title == NULL || strlen(m->title) > 900 || m->vote_count < 0 ||
	    m->vote_count > 4294967295LL || m->popularity < 0 || m->popularity > 1e9) {
		snprintf(err, sizeof(err), "the details have a missing title or a field of the "
		    "wrong type or range");
		goto malformed;
	}
	if (m->language != NULL && valid_language(m->language) == -1)
		m->language = NULL;
	if (m->imdb_id != NULL && (strncmp(m->imdb_id, "tt", 2) != 0 || strlen(m->imdb_id) > 16))
		m->imdb_id = NULL;
	if (date != NULL && sscanf(date, "%4lld", &year) == 1 && year >= 1870 && year <= 2200)
		m->year = year;
	imp_hash_str(h, m->title);
	imp_hash_str(h, m->description);
	imp_hash_str(h, m->language);
	imp_hash_str(h, m->imdb_id);
	imp_hash_str(h, m->poster_url);
	imp_hash_str(h, m->banner_url);
	imp_hash_int(h, m->year);
	imp_hash_int(h, m->duration);
	imp_hash_int(h, m->vote_count);
	imp_hash_num(h, m->rating);
	imp_hash_num(h, m->popularity);

	if ((cast = imp_alloc(a, TA_MAX_CAST * sizeof(*cast))) == NULL ||
	    (dirs = imp_alloc(a, TA_MAX_DIRECTORS * sizeof(*dirs))) == NULL) {
		rc = -2;
		goto out;
	}
	if (people(a, cJSON_GetObjectItemCaseSensitive(cr, "cast"), NULL, cast, TA_MAX_CAST,
	    &m->ncast, h) == -1 ||
	    people(a, cJSON_GetObjectItemCaseSensitive(cr, "crew"), "Director", dirs,
	    TA_MAX_DIRECTORS, &m->ndirectors, h) == -1) {
		snprintf(err, sizeof(err), "the credits are malformed");
		goto malformed;
	}
	m->cast = cast;
	m->directors = dirs;
	m->has_credits = 1;
	/* A movie without genres or keywords may leave the list out. */
	if ((genres = cJSON_GetObjectItemCaseSensitive(d, "genres")) == NULL)
		genres = empty;
	if ((kwlist = cJSON_GetObjectItemCaseSensitive(kw, "keywords")) == NULL)
		kwlist = empty;
	if ((r = imp_json_names(NULL, names, a, genres, 1, m, h, err, sizeof(err))) != 0 ||
	    (r = imp_json_names(NULL, names, a, kwlist, 0, m, h, err, sizeof(err))) != 0)
		goto malformed;
	imp_hash_end(h, it->hash);
	h = NULL;
	it->movie_id = imp_state_find(state, id, &old);
	if (it->movie_id != 0 && old != NULL && strcmp(old, it->hash) == 0) {
		rc = 1;
		goto out;
	}
	if (imp_json_names(db, names, a, genres, 1, m, NULL, err, sizeof(err)) != 0 ||
	    imp_json_names(db, names, a, kwlist, 0, m, NULL, err, sizeof(err)) != 0) {
		rc = -2;
		goto out;
	}
	rc = 0;
	goto out;
malformed:
	fprintf(stderr, "streamify-import: tmdb %lld: malformed response: %s\n", id, err);
	goto out;
failed:
	fprintf(stderr, "streamify-import: tmdb %lld: %s\n", id, err);
out:
	if (h != NULL)
		imp_hash_end(h, it->hash);
	cJSON_Delete(d);
	cJSON_Delete(cr);
	cJSON_Delete(kw);
	cJSON_Delete(empty);
	return rc;
}

/* Append the ids of /movie/popular pages 1..pages to ids. Returns failures. */
static size_t
popular_ids(struct tmdb *t, long long pages, long long *ids, size_t *nids)
{
	const cJSON	*e;
	cJSON		*p;
	char		 query[32], err[256];
	long long	 page;
	size_t		 failed = 0, i;
	double		 id;

	for (page = 1; page <= pages; page++) {
		snprintf(query, sizeof(query), "page=%lld", page);
		if (tmdb_get(t, "/movie/popular", query, &p, err, sizeof(err)) != TMDB_OK) {
			fprintf(stderr, "streamify-import: tmdb popular page %lld: %s\n", page, err);
			failed++;
			continue;
		}
		if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(p, "results"))) {
			fprintf(stderr, "streamify-import: tmdb popular page %lld: malformed "
			    "response: no results list\n", page);
			failed++;
		}
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(p, "results")) {
			const cJSON	*v = cJSON_GetObjectItemCaseSensitive(e, "id");

			if (!cJSON_IsNumber(v) || (id = v->valuedouble) < 1 || id > 1e12 ||
			    id != floor(id) || *nids == TA_MAX_IDS)
				continue;
			for (i = 0; i < *nids && ids[i] != (long long)id; i++)
				;
			if (i == *nids)
				ids[(*nids)++] = (long long)id;
		}
		cJSON_Delete(p);
	}
	return failed;
}

int
import_tmdb_api(struct db *db, const long long *given, size_t ngiven, long long pages)
{
	struct imp_stats	 st;
	struct tmdb		*t = NULL;
	struct imp_state	*state = NULL;
	struct imp_names	*names = NULL;
	struct imp_arena	*a = NULL;
	struct imp_item		*items = NULL;
	long long		*ids = NULL;
	size_t			 nids = 0, n = 0, i, j;
	double			 t0 = clock_s();
	int			 rc = 1, r;

	memset(&st, 0, sizeof(st));
	if ((t = tmdb_new()) == NULL)
		return 1;
	if ((ids = calloc(TA_MAX_IDS, sizeof(*ids))) == NULL ||
	    (items = calloc(TA_MAX_IDS, sizeof(*items))) == NULL ||
	    (names = imp_names_new()) == NULL || (a = imp_arena_new()) == NULL ||
	    db_import_state_load(db, IMP_SRC_TMDB, &state) != DB_OK) {
		fprintf(stderr, "streamify-import: tmdb: cannot start (database or memory)\n");
		goto out;
	}
	for (i = 0; i < ngiven; i++) {
		for (j = 0; j < nids && ids[j] != given[i]; j++)
			;
		if (j == nids)
			ids[nids++] = given[i];
	}
	if (pages > 0)
		st.failed += popular_ids(t, pages, ids, &nids);
	for (i = 0; i < nids; i++) {
		st.read++;
		memset(&items[n], 0, sizeof(items[n]));
		r = fetch_movie(t, db, names, a, state, ids[i], &items[n]);
		if (r == -2) {
			fprintf(stderr, "streamify-import: tmdb: database error\n");
			goto out;
		}
		if (r == -1)
			st.failed++;
		else if (r == 1)
			st.unchanged++;
		else
			n++;
	}
	if (imp_write(db, IMP_SRC_TMDB, items, n, &st) == -1)
		goto out;
	rc = st.failed > 0 ? 1 : 0;
out:
	imp_summary("tmdb", &st, clock_s() - t0);
	if (t != NULL)
		log_info("import_tmdb_api: %lu requests to TMDB", tmdb_requests(t));
	tmdb_free(t);
	imp_state_free(state);
	imp_names_free(names);
	imp_arena_free(a);
	free(items);
	free(ids);
	return rc;
}
