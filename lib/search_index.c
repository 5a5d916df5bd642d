/* search_index.c: keeping the search index of a movie in step with the catalog. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db.h"
#include "log.h"
#include "search.h"
#include "search_index.h"

#define INDEX_BATCH	500	/* movies or people per transaction in search_reindex_all */

/* Append the row [term, kind, third] to arr. Returns 0, or -1 when out of memory. */
static int
add_row(cJSON *arr, const char *term, int kind, double third)
{
	cJSON	*row;

	if ((row = cJSON_CreateArray()) == NULL)
		return -1;
	cJSON_AddItemToArray(arr, row);
	if (!cJSON_AddItemToArray(row, cJSON_CreateString(term)) ||
	    !cJSON_AddItemToArray(row, cJSON_CreateNumber(kind)) ||
	    !cJSON_AddItemToArray(row, cJSON_CreateNumber(third)))
		return -1;
	return 0;
}

/*
 * Add the words of text to arr as [term, kind, third] rows: each word, and
 * when fuzzy its deletion variants. Stop words are left out unless fuzzy
 * (descriptions lose them, titles and names keep them). Returns 0, or -1
 * when out of memory.
 */
static int
add_terms(cJSON *arr, const char *text, int fuzzy, double third)
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
		if (add_row(arr, words[i], 0, third) == -1)
			return -1;
		nd = fuzzy ? search_deletions(words[i], dels) : 0;
		for (j = 0; j < nd; j++)
			if (add_row(arr, dels[j], 1, third) == -1)
				return -1;
	}
	return 0;
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
	char		*title_norm = NULL;
	size_t		 tlen;
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
		tlen = db_len(res, 0) * 2 + 1;
		if ((title_norm = malloc(tlen)) == NULL)
			goto oom;
		search_normalize(db_str(res, 0), title_norm, tlen);
		if (add_terms(arr, db_str(res, 0), 1, SEARCH_F_TITLE) == -1 ||
		    add_terms(arr, db_str(res, 1), 0, SEARCH_F_TEXT) == -1)
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
	free(title_norm);
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
		if (add_terms(arr, db_str(res, 1), 1, (double)db_int(res, 0)) == -1)
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
 * Index the next batch after *last of movies (people = 0) or people
 * (people = 1) in one transaction, retrying a deadlock. Sets *n to the
 * batch size (0 at the end). Returns DB_OK or an error.
 */
static int
reindex_batch(struct db *db, int people, long long *last, size_t *n)
{
	struct db_res	*res = NULL;
	long long	 ids[INDEX_BATCH];
	cJSON		*arr = NULL;
	size_t		 i;
	int		 rc, tries;

	*n = 0;
	for (tries = 0; tries < 3; tries++) {
		*n = 0;
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		cJSON_Delete(arr);
		if ((arr = cJSON_CreateArray()) == NULL) {
			log_error("search_reindex_all: out of memory");
			rc = DB_ERR_INTERNAL;
			break;
		}
		if ((rc = db_exec(db, people ? STMT_SEARCH_NEXT_PEOPLE : STMT_SEARCH_NEXT_IDS, &res,
		    "ii", *last, (long long)INDEX_BATCH)) != DB_OK)
			break;
		while ((rc = db_next(res)) == 1 && *n < INDEX_BATCH) {
			ids[(*n)++] = db_int(res, 0);
			if (people && add_terms(arr, db_str(res, 1), 1, (double)db_int(res, 0)) == -1) {
				log_error("search_reindex_all: out of memory");
				rc = DB_ERR_INTERNAL;
				break;
			}
		}
		db_res_free(res);
		res = NULL;
		if (rc < 0)
			break;
		rc = DB_OK;
		if (people && *n > 0 && (rc = db_exec(db, STMT_SEARCH_DEL_PEOPLE_RANGE, NULL, "ii",
		    ids[0], ids[*n - 1])) == DB_OK)
			rc = put_json(db, STMT_SEARCH_PUT_PEOPLE, 0, arr);
		for (i = 0; !people && i < *n && rc == DB_OK; i++)
			rc = index_text(db, ids[i]);
		if (rc == DB_OK && (rc = db_commit(db)) == DB_OK)
			break;
		db_rollback(db);
		if (rc != DB_ERR_RETRY)
			break;
	}
	if (rc != DB_OK)
		db_rollback(db);
	else if (*n > 0)
		*last = ids[*n - 1];
	cJSON_Delete(arr);
	return rc;
}

int
search_reindex_all(struct db *db)
{
	long long	 last;
	size_t		 n;
	int		 rc, people;

	for (people = 0; people <= 1; people++) {
		last = 0;
		do {
			if ((rc = reindex_batch(db, people, &last, &n)) != DB_OK)
				return rc;
		} while (n > 0);
	}
	return DB_OK;
}
