/* search_index.c: keeping the search index of a movie in step with the catalog. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db.h"
#include "log.h"
#include "search.h"
#include "search_index.h"

/*
 * Movies or people per statement and transaction in search_reindex_all:
 * JSON_TABLE slows down more than linearly on large documents.
 */
#define INDEX_BATCH	25
#define TITLES_NORM_MAX	1200	/* bytes of search_titles.title_norm */

/*
 * Append the row [term, kind, a] (or [term, kind, a, b] when b >= 0) to
 * arr. Returns 0, or -1 when out of memory.
 */
static int
add_row(cJSON *arr, const char *term, int kind, double a, double b)
{
	cJSON	*row;

	if ((row = cJSON_CreateArray()) == NULL)
		return -1;
	cJSON_AddItemToArray(arr, row);
	if (!cJSON_AddItemToArray(row, cJSON_CreateString(term)) ||
	    !cJSON_AddItemToArray(row, cJSON_CreateNumber(kind)) ||
	    !cJSON_AddItemToArray(row, cJSON_CreateNumber(a)))
		return -1;
	if (b >= 0 && !cJSON_AddItemToArray(row, cJSON_CreateNumber(b)))
		return -1;
	return 0;
}

/*
 * Add the words of text to arr as [term, kind, a(, b)] rows (see add_row):
 * each word, and when fuzzy its deletion variants. Stop words are left out unless fuzzy
 * (descriptions lose them, titles and names keep them). Returns 0, or -1
 * when out of memory.
 */
static int
add_terms(cJSON *arr, const char *text, int fuzzy, double a, double b)
{
	static char	 norm[16384];
	static char	 words[256][SEARCH_WORD_MAX];
	char		 dels[SEARCH_FUZZY_MAX][SEARCH_WORD_MAX];
	int		 n, i, j, nd;

	if (text == NULL)
		return 0;
	search_normalize(text, norm, sizeof(norm));
	n = search_split(norm, words, 256);
	for (i = 0; i < n; i++) {
		if (!fuzzy && search_is_stopword(words[i]))
			continue;
		if (add_row(arr, words[i], 0, a, b) == -1)
			return -1;
		nd = fuzzy ? search_deletions(words[i], dels) : 0;
		for (j = 0; j < nd; j++)
			if (add_row(arr, dels[j], 1, a, b) == -1)
				return -1;
	}
	return 0;
}

/*
 * The normalised titles of a movie into out (len bytes): the title, then
 * its original title and other titles (one per line), '|' between them
 * (normalised text has none); a title that does not fit is left out.
 */
static void
titles_norm(const char *title, const char *original, const char *alts, char *out, size_t len)
{
	static char	 raw[4096], norm[4096];
	const char	*src[2], *p, *nl;
	size_t		 o, n, k;
	int		 i;

	src[0] = original;
	src[1] = alts;
	search_normalize(title ? title : "", out, len);
	o = strlen(out);
	for (i = 0; i < 2; i++)
		for (p = src[i]; p != NULL && *p != '\0'; p = nl ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			n = nl ? (size_t)(nl - p) : strlen(p);
			if (n >= sizeof(raw))
				n = sizeof(raw) - 1;
			memcpy(raw, p, n);
			raw[n] = '\0';
			k = search_normalize(raw, norm, sizeof(norm));
			if (k > 0 && o + 1 + k < len) {
				out[o++] = '|';
				memcpy(out + o, norm, k + 1);
				o += k;
			}
		}
}

/* Run stmt with the JSON text of arr (after the leading id when id > 0). */
static int
put_json(struct db *db, enum stmt_id stmt, long long id, const cJSON *arr)
{
	char	*json;
	int	 rc;

	if (cJSON_GetArraySize(arr) == 0)
		return DB_OK;
	if ((json = cJSON_PrintUnformatted(arr)) == NULL) {
		log_error("search_index: out of memory");
		return DB_ERR_INTERNAL;
	}
	if (id > 0)
		rc = db_exec(db, stmt, NULL, "is", id, json);
	else
		rc = db_exec(db, stmt, NULL, "s", json);
	free(json);
	return rc;
}

/* Rebuild the title and description rows of movie id (none when it is gone). */
static int
index_text(struct db *db, long long id)
{
	struct db_res	*res = NULL;
	cJSON		*arr = NULL;
	static char	 title_norm[TITLES_NORM_MAX];
	int		 rc, found = 0;

	if ((rc = db_exec(db, STMT_SEARCH_DEL_TERMS, NULL, "i", id)) != DB_OK ||
	    (rc = db_exec(db, STMT_SEARCH_DEL_TITLE, NULL, "i", id)) != DB_OK)
		return rc;
	if ((arr = cJSON_CreateArray()) == NULL)
		goto oom;
	if ((rc = db_exec(db, STMT_SEARCH_SRC_MOVIE, &res, "i", id)) != DB_OK)
		goto out;
	if ((rc = db_next(res)) == 1) {
		found = 1;
		titles_norm(db_str(res, 0), db_str(res, 2), db_str(res, 3), title_norm,
		    sizeof(title_norm));
		if (add_terms(arr, db_str(res, 0), 1, SEARCH_F_TITLE, -1) == -1 ||
		    add_terms(arr, db_str(res, 2), 1, SEARCH_F_TITLE, -1) == -1 ||
		    add_terms(arr, db_str(res, 3), 1, SEARCH_F_TITLE, -1) == -1 ||
		    add_terms(arr, db_str(res, 1), 0, SEARCH_F_TEXT, -1) == -1)
			goto oom;
	} else if (rc < 0)
		goto out;
	db_res_free(res);
	res = NULL;
	rc = DB_OK;
	if (found && (rc = db_exec(db, STMT_SEARCH_PUT_TITLE, NULL, "is", id,
	    title_norm)) == DB_OK)
		rc = put_json(db, STMT_SEARCH_PUT_TERMS, id, arr);
	goto out;
oom:
	log_error("search_index: out of memory");
	rc = DB_ERR_INTERNAL;
out:
	db_res_free(res);
	cJSON_Delete(arr);
	return rc;
}

/* Rebuild the name rows of the cast and directors of movie id. */
static int
index_people(struct db *db, long long id)
{
	struct db_res	*res = NULL;
	cJSON		*arr;
	int		 rc;

	if ((arr = cJSON_CreateArray()) == NULL)
		goto oom;
	if ((rc = db_exec(db, STMT_SEARCH_SRC_PEOPLE, &res, "ii", id, id)) != DB_OK)
		goto out;
	while ((rc = db_next(res)) == 1)
		if (add_terms(arr, db_str(res, 1), 1, (double)db_int(res, 0), -1) == -1)
			goto oom;
	db_res_free(res);
	res = NULL;
	if (rc < 0)
		goto out;
	if ((rc = db_exec(db, STMT_SEARCH_DEL_MOVIE_PEOPLE, NULL, "ii", id, id)) == DB_OK)
		rc = put_json(db, STMT_SEARCH_PUT_PEOPLE, 0, arr);
	goto out;
oom:
	log_error("search_index: out of memory");
	rc = DB_ERR_INTERNAL;
out:
	db_res_free(res);
	cJSON_Delete(arr);
	return rc;
}

int
search_index_movie(struct db *db, long long id)
{
	int	 rc;

	if ((rc = index_text(db, id)) != DB_OK)
		return rc;
	return index_people(db, id);
}

/*
 * Add the rows of the next movie of a reindex batch: its title to titles
 * ([id, title_norm]) and its words to terms ([term, kind, id, field]).
 * Returns 0, or -1 when out of memory.
 */
static int
batch_movie(cJSON *titles, cJSON *terms, long long id, const char *title, const char *desc,
    const char *original, const char *alts)
{
	static char	 norm[TITLES_NORM_MAX];
	cJSON		*row;

	titles_norm(title, original, alts, norm, sizeof(norm));
	if ((row = cJSON_CreateArray()) == NULL)
		return -1;
	cJSON_AddItemToArray(titles, row);
	if (!cJSON_AddItemToArray(row, cJSON_CreateNumber((double)id)) ||
	    !cJSON_AddItemToArray(row, cJSON_CreateString(norm)))
		return -1;
	if (add_terms(terms, title, 1, (double)id, SEARCH_F_TITLE) == -1 ||
	    add_terms(terms, original, 1, (double)id, SEARCH_F_TITLE) == -1 ||
	    add_terms(terms, alts, 1, (double)id, SEARCH_F_TITLE) == -1 ||
	    add_terms(terms, desc, 0, (double)id, SEARCH_F_TEXT) == -1)
		return -1;
	return 0;
}

/* One batch of search_reindex_all (db_tx): what it indexes after last, and how many it found. */
struct reindex {
	int		 people;	/* 0: movies, 1: people */
	long long	 last, first, end;
	size_t		 n;
};

static int
reindex_tx(struct db *db, void *arg)
{
	struct reindex	*x = arg;
	struct db_res	*res = NULL;
	cJSON		*terms, *titles;
	int		 rc, bad = 0;

	x->n = 0;
	terms = cJSON_CreateArray();
	titles = cJSON_CreateArray();
	if (terms == NULL || titles == NULL) {
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	if ((rc = db_exec(db, x->people ? STMT_SEARCH_NEXT_PEOPLE : STMT_SEARCH_NEXT_MOVIES,
	    &res, "ii", x->last, (long long)INDEX_BATCH)) != DB_OK)
		goto out;
	while ((rc = db_next(res)) == 1) {
		x->end = db_int(res, 0);
		if (x->n++ == 0)
			x->first = x->end;
		if (x->people)
			bad |= add_terms(terms, db_str(res, 1), 1, (double)x->end, -1);
		else
			bad |= batch_movie(titles, terms, x->end, db_str(res, 1), db_str(res, 2),
			    db_str(res, 3), db_str(res, 4));
	}
	db_res_free(res);
	if (rc < 0)
		goto out;
	rc = DB_OK;
	if (bad)
		rc = DB_ERR_INTERNAL;
	else if (x->n > 0 && x->people) {
		if ((rc = db_exec(db, STMT_SEARCH_DEL_PEOPLE_RANGE, NULL, "ii", x->first,
		    x->end)) == DB_OK)
			rc = put_json(db, STMT_SEARCH_PUT_PEOPLE, 0, terms);
	} else if (x->n > 0) {
		if ((rc = db_exec(db, STMT_SEARCH_DEL_TERMS_RANGE, NULL, "ii", x->first,
		    x->end)) == DB_OK &&
		    (rc = db_exec(db, STMT_SEARCH_DEL_TITLES_RANGE, NULL, "ii", x->first,
		    x->end)) == DB_OK &&
		    (rc = put_json(db, STMT_SEARCH_PUT_TITLES, 0, titles)) == DB_OK)
			rc = put_json(db, STMT_SEARCH_PUT_TERMS_MANY, 0, terms);
	}
out:
	if (rc == DB_ERR_INTERNAL && (terms == NULL || titles == NULL || bad))
		log_error("search_reindex_all: out of memory");
	cJSON_Delete(terms);
	cJSON_Delete(titles);
	return rc;
}

int
search_reindex_all(struct db *db)
{
	struct reindex	 x;
	int		 rc;

	for (x.people = 0; x.people <= 1; x.people++) {
		x.last = 0;
		do {
			if ((rc = db_tx(db, reindex_tx, &x)) != DB_OK)
				return rc;
			if (x.n > 0)
				x.last = x.end;
		} while (x.n > 0);
	}
	return DB_OK;
}
