/* h_suggest.c: GET /search/suggest: completions while typing, from the dictionary each worker keeps in memory. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "handlers.h"
#include "log.h"
#include "suggest.h"

/*
 * This worker's copy of the active dictionary (streamify-batch suggest),
 * its generation, and the catalog version under which the active
 * generation was last read: the switch to a new generation raises the
 * catalog version (sql/017_suggest.sql), so while it holds nothing is
 * read; when it moves, one primary-key read says whether to load again.
 */
static struct suggest_index	*dict;
static unsigned long long	 dict_gen;
static unsigned long long	 checked_version;
static int			 checked, reload_queued, warned;

/* Load generation gen into a new index (*out; NULL for generation 0). Returns a db_rc. */
static int
dict_load(struct db *db, unsigned long long gen, struct suggest_index **out)
{
	struct suggest_index	*ix;
	struct db_res		*res = NULL;
	long long		 t0 = clock_us();
	int			 rc;

	*out = NULL;
	if (gen == 0)
		return DB_OK;
	if ((ix = suggest_new()) == NULL)
		return DB_ERR_INTERNAL;
	if ((rc = db_exec(db, STMT_SUGGEST_LOAD, &res, "i", (long long)gen)) != DB_OK) {
		suggest_free(ix);
		return rc;
	}
	while ((rc = db_next(res)) == 1)
		if (suggest_add(ix, (enum suggest_kind)db_int(res, 0), db_int(res, 1),
		    db_double(res, 2), db_str(res, 3) ? db_str(res, 3) : "",
		    db_str(res, 4)) == -1) {
			rc = DB_ERR_INTERNAL;
			break;
		}
	db_res_free(res);
	if (rc < 0 || suggest_finish(ix) == -1) {
		suggest_free(ix);
		return rc < 0 ? rc : DB_ERR_INTERNAL;
	}
	log_info("suggest: generation %llu loaded: %zu entries, %zu keys, %zu KiB, %lld ms", gen,
	    suggest_entries(ix), suggest_nkeys(ix), suggest_bytes(ix) / 1024,
	    (clock_us() - t0) / 1000);
	*out = ix;
	return DB_OK;
}

/* The active generation. Returns a db_rc. */
static int
dict_active(struct db *db, unsigned long long *gen)
{
	struct db_res	*res = NULL;
	int		 rc;

	*gen = 0;
	if ((rc = db_exec(db, STMT_SUGGEST_ACTIVE, &res, "")) != DB_OK)
		return rc;
	if ((rc = db_next(res)) == 1)
		*gen = (unsigned long long)db_int(res, 0);
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* A deferred reload (http_defer): load the active generation after the answer went out. */
static void
dict_reload(void *arg)
{
	struct suggest_index	*ix;
	struct db		*db = arg;
	unsigned long long	 gen;

	reload_queued = 0;
	if (dict_active(db, &gen) != DB_OK || (gen != dict_gen && dict_load(db, gen, &ix) != DB_OK)) {
		checked = 0;	/* the next request asks again */
		return;
	}
	if (gen == dict_gen)
		return;
	suggest_free(dict);
	dict = ix;
	dict_gen = gen;
}

/*
 * Make sure this worker's dictionary is the active one: nothing to do
 * while the catalog version holds; else read the active generation and,
 * when it moved, load it now (the first time) or after this answer (the
 * old one answers meanwhile). Returns a db_rc.
 */
static int
dict_current(struct req *r)
{
	unsigned long long	 gen;
	int			 rc;

	if ((rc = req_versions(r)) != DB_OK)
		return rc;
	if (checked && r->versions.catalog == checked_version)
		return DB_OK;
	if ((rc = dict_active(r->db, &gen)) != DB_OK)
		return rc;
	checked = 1;
	checked_version = r->versions.catalog;
	if (gen == dict_gen && (dict != NULL || gen == 0)) {
		if (gen == 0 && !warned++)
			log_warn("suggest: no dictionary yet: run streamify-batch suggest");
		return DB_OK;
	}
	if (dict == NULL) {
		if ((rc = dict_load(r->db, gen, &dict)) != DB_OK)
			return rc;
		dict_gen = gen;
		return DB_OK;
	}
	if (!reload_queued && http_defer(dict_reload, r->db) == 0)
		reload_queued = 1;
	return DB_OK;
}

const struct input h_search_suggest_in[] = {
	{ ARG_Q, IN_QUERY, IN_STR, IN_REQUIRED, 1, 50 },
	{ ARG_LIMIT, IN_QUERY, IN_INT, 0, 1, SUGGEST_MAX },
	{ ARG_NONE }
};

/*
 * GET /search/suggest?q=&limit= (q 1..50 characters, limit 1..10, default
 * 10): completions of what is being typed across titles, people and
 * genres: {text, kind, id}, those a key of which is the query first, then
 * those starting with it, then with one typo, each most popular first
 * (lib/suggest.h). Public and cacheable; not kept in the answer memory
 * (the dictionary answers in microseconds, and keystrokes would push the
 * catalog's answers out). Answers 200, 400, 503.
 */
int
h_search_suggest(struct req *r, struct resp *w)
{
	static const char *const kinds[] = { "", "title", "person", "genre" };
	struct suggest_hit	 hits[SUGGEST_MAX];
	cJSON			*arr, *o;
	size_t			 n, i;
	int			 rc;

	if ((rc = dict_current(r)) != DB_OK)
		return resp_db(w, rc);
	n = suggest_lookup(dict, req_str(r, ARG_Q), hits, (size_t)req_int(r, ARG_LIMIT, SUGGEST_MAX));
	if ((arr = cJSON_CreateArray()) == NULL)
		return resp_error(w, 500, NULL, NULL);
	for (i = 0; i < n; i++) {
		if ((o = cJSON_CreateObject()) == NULL) {
			cJSON_Delete(arr);
			return resp_error(w, 500, NULL, NULL);
		}
		cJSON_AddItemToArray(arr, o);
		cJSON_AddStringToObject(o, "text", hits[i].text);
		cJSON_AddStringToObject(o, "kind", hits[i].kind >= SUGGEST_TITLE &&
		    hits[i].kind <= SUGGEST_GENRE ? kinds[hits[i].kind] : "title");
		cJSON_AddNumberToObject(o, "id", (double)hits[i].id);
	}
	w->cache = CACHE_PUBLIC;
	w->max_age = (int)config.cache_max_age;
	return resp_results(w, arr);
}
