/* search_index.c: keeping the search index of a movie in step with the catalog. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db.h"
#include "log.h"
#include "search.h"
#include "search_index.h"

#define INDEX_CAST	20	/* top-billed cast members indexed per movie */
#define INDEX_BATCH	500	/* movies per transaction in search_reindex_all */

/*
 * Add the terms of text to arr as [term, kind, field] rows: each word, and
 * for title and people words its deletion variants. Stop words are left
 * out of descriptions. Returns 0, or -1 when out of memory.
 */
static int
add_terms(cJSON *arr, const char *text, int field)
{
	static char	 norm[16384];
	char		 words[256][SEARCH_WORD_MAX];
	char		 dels[SEARCH_FUZZY_MAX][SEARCH_WORD_MAX];
	cJSON		*row;
	int		 n, i, j, nd;

	if (text == NULL)
		return 0;
	search_normalize(text, norm, sizeof(norm));
	n = search_split(norm, words, 256);
	for (i = 0; i < n; i++) {
		if (field == SEARCH_F_TEXT && search_is_stopword(words[i]))
			continue;
		if ((row = cJSON_CreateArray()) == NULL)
			return -1;
		cJSON_AddItemToArray(row, cJSON_CreateString(words[i]));
		cJSON_AddItemToArray(row, cJSON_CreateNumber(0));
		cJSON_AddItemToArray(row, cJSON_CreateNumber(field));
		cJSON_AddItemToArray(arr, row);
		if (field == SEARCH_F_TEXT)
			continue;
		nd = search_deletions(words[i], dels);
		for (j = 0; j < nd; j++) {
			if ((row = cJSON_CreateArray()) == NULL)
				return -1;
			cJSON_AddItemToArray(row, cJSON_CreateString(dels[j]));
			cJSON_AddItemToArray(row, cJSON_CreateNumber(1));
			cJSON_AddItemToArray(row, cJSON_CreateNumber(field));
			cJSON_AddItemToArray(arr, row);
		}
	}
	return 0;
}

int
search_index_movie(struct db *db, long long id)
{
	struct db_res	*res = NULL;
	cJSON		*arr = NULL;
	char		*json = NULL, *title_norm = NULL;
	size_t		 tlen;
	int		 rc, found = 0;

	if ((rc = db_exec(db, STMT_SEARCH_DEL_TERMS, NULL, "i", id)) != DB_OK ||
	    (rc = db_exec(db, STMT_SEARCH_DEL_TITLE, NULL, "i", id)) != DB_OK)
		goto out;
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
		if (add_terms(arr, db_str(res, 0), SEARCH_F_TITLE) == -1 ||
		    add_terms(arr, db_str(res, 1), SEARCH_F_TEXT) == -1)
			goto oom;
	} else if (rc < 0)
		goto out;
	db_res_free(res);
	res = NULL;
	rc = DB_OK;
	if (!found)
		goto out;	/* the movie is gone: its rows are too */

	if ((rc = db_exec(db, STMT_SEARCH_SRC_PEOPLE, &res, "iii", id, (long long)INDEX_CAST,
	    id)) != DB_OK)
		goto out;
	while ((rc = db_next(res)) == 1)
		if (add_terms(arr, db_str(res, 0), SEARCH_F_PERSON) == -1)
			goto oom;
	if (rc < 0)
		goto out;
	db_res_free(res);
	res = NULL;

	if ((rc = db_exec(db, STMT_SEARCH_PUT_TITLE, NULL, "is", id, title_norm)) != DB_OK)
		goto out;
	if (cJSON_GetArraySize(arr) > 0) {
		if ((json = cJSON_PrintUnformatted(arr)) == NULL)
			goto oom;
		if ((rc = db_exec(db, STMT_SEARCH_PUT_TERMS, NULL, "is", id, json)) != DB_OK)
			goto out;
	}
	rc = DB_OK;
	goto out;
oom:
	log_error("search_index_movie: out of memory");
	rc = DB_ERR_INTERNAL;
out:
	db_res_free(res);
	cJSON_Delete(arr);
	free(json);
	free(title_norm);
	return rc;
}

int
search_reindex_all(struct db *db)
{
	struct db_res	*res = NULL;
	long long	*ids = NULL, last = 0;
	size_t		 n, i;
	int		 rc, tries;

	if ((ids = calloc(INDEX_BATCH, sizeof(*ids))) == NULL) {
		log_error("search_reindex_all: out of memory");
		return DB_ERR_INTERNAL;
	}
	for (;;) {
		if ((rc = db_exec(db, STMT_SEARCH_NEXT_IDS, &res, "ii", last,
		    (long long)INDEX_BATCH)) != DB_OK)
			goto out;
		n = 0;
		while ((rc = db_next(res)) == 1 && n < INDEX_BATCH)
			ids[n++] = db_int(res, 0);
		db_res_free(res);
		res = NULL;
		if (rc < 0)
			goto out;
		if (n == 0)
			break;
		for (tries = 0; tries < 3; tries++) {
			if ((rc = db_begin(db)) != DB_OK)
				goto out;
			for (i = 0; i < n && rc == DB_OK; i++)
				rc = search_index_movie(db, ids[i]);
			if (rc == DB_OK && (rc = db_commit(db)) == DB_OK)
				break;
			db_rollback(db);
			if (rc != DB_ERR_RETRY)
				goto out;
		}
		if (rc != DB_OK)
			goto out;
		last = ids[n - 1];
	}
	rc = DB_OK;
out:
	db_res_free(res);
	free(ids);
	return rc;
}
