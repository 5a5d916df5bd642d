/* import_tmdb_csv.c: streamify-import tmdb-csv FILE: the TMDB 5000 movies table. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "clock.h"
#include "csv.h"
#include "db.h"
#include "db_import.h"
#include "import.h"
#include "valid.h"

#define TC_HASH_VERSION	"tmdb-csv/2"

/* The columns we read, by header name. */
enum tc_col { TC_ID, TC_TITLE, TC_OVERVIEW, TC_GENRES, TC_KEYWORDS, TC_RUNTIME, TC_VOTE_AVERAGE,
	TC_VOTE_COUNT, TC_POPULARITY, TC_LANGUAGE, TC_RELEASE_DATE, TC__MAX };

static const char *const tc_names[TC__MAX] = {
	"id", "title", "overview", "genres", "keywords", "runtime", "vote_average",
	"vote_count", "popularity", "original_language", "release_date",
};

/*
 * Check and convert one row into it (strings in a). Genres and keywords get
 * their ids only when the row changed since the last import (its hash
 * differs from the one in state). Returns 0, 1 when unchanged, -1 for a bad
 * row (the message in err), -2 on a database error.
 */
static int
tc_row(struct db *db, struct imp_names *names, struct imp_arena *a, struct csv *c,
    const int *col, long long max_year, const struct imp_state *state, struct imp_item *it,
    char *err, size_t errlen)
{
	const char		*old;
	struct imp_movie	*m = &it->m;
	struct imp_hash		*h = NULL;
	cJSON			*genres = NULL, *kw = NULL;
	const char		*f[TC__MAX];
	double			 num;
	long long		 v;
	int			 i, rc = -1;

	for (i = 0; i < TC__MAX; i++)
		f[i] = csv_field(c, (size_t)col[i]);
	if (valid_int(f[TC_ID], 1, 999999999999LL, &it->key) == -1) {
		snprintf(err, errlen, "id \"%.40s\" is not a positive integer", f[TC_ID]);
		goto out;
	}
	for (i = 0; i < TC__MAX; i++)
		if (valid_utf8(f[i], strlen(f[i]), i == TC_OVERVIEW) < 0) {
			snprintf(err, errlen, "invalid UTF-8 or a control character in %s",
			    tc_names[i]);
			goto out;
		}
	if (f[TC_TITLE][0] == '\0' || valid_utf8(f[TC_TITLE], strlen(f[TC_TITLE]), 0) > 300) {
		snprintf(err, errlen, "the title is empty or longer than 300 characters");
		goto out;
	}
	m->tmdb_id = it->key;
	m->title = imp_strdup(a, f[TC_TITLE]);
	m->description = f[TC_OVERVIEW][0] ? imp_strdup(a, f[TC_OVERVIEW]) : NULL;
	if (f[TC_RUNTIME][0] != '\0') {
		if (valid_num(f[TC_RUNTIME], 0, 10000, &num) == -1) {
			snprintf(err, errlen, "runtime \"%.20s\" is not a number of minutes",
			    f[TC_RUNTIME]);
			goto out;
		}
		m->duration = (long long)round(num);	/* 0 = unknown */
	}
	if (f[TC_VOTE_COUNT][0] != '\0' &&
	    valid_int(f[TC_VOTE_COUNT], 0, 4294967295LL, &m->vote_count) == -1) {
		snprintf(err, errlen, "vote_count is not a count");
		goto out;
	}
	if (f[TC_VOTE_AVERAGE][0] != '\0') {
		if (valid_num(f[TC_VOTE_AVERAGE], 0, 10, &num) == -1) {
			snprintf(err, errlen, "vote_average is not 0..10");
			goto out;
		}
		m->has_rating = m->vote_count > 0;
		m->rating = round(num * 10) / 10;
	}
	if (f[TC_POPULARITY][0] != '\0' &&
	    valid_num(f[TC_POPULARITY], 0, 1e9, &m->popularity) == -1) {
		snprintf(err, errlen, "popularity is not a number");
		goto out;
	}
	if (f[TC_LANGUAGE][0] != '\0') {
		if (valid_language(f[TC_LANGUAGE]) == -1) {
			snprintf(err, errlen, "original_language \"%.20s\" is not a language code",
			    f[TC_LANGUAGE]);
			goto out;
		}
		m->language = imp_strdup(a, f[TC_LANGUAGE]);
	}
	if (f[TC_RELEASE_DATE][0] != '\0') {
		if (strlen(f[TC_RELEASE_DATE]) != 10 || f[TC_RELEASE_DATE][4] != '-' ||
		    sscanf(f[TC_RELEASE_DATE], "%4lld", &v) != 1 || v < 1870 || v > max_year) {
			snprintf(err, errlen, "release_date \"%.20s\" is not a plausible "
			    "YYYY-MM-DD", f[TC_RELEASE_DATE]);
			goto out;
		}
		m->year = v;
	}
	genres = cJSON_Parse(f[TC_GENRES][0] ? f[TC_GENRES] : "[]");
	kw = cJSON_Parse(f[TC_KEYWORDS][0] ? f[TC_KEYWORDS] : "[]");
	if (genres == NULL || kw == NULL) {
		snprintf(err, errlen, "%s is not JSON", genres == NULL ? "genres" : "keywords");
		goto out;
	}
	/* First only check the lists and hash them; resolve the names when the row changed. */
	h = imp_hash_new(TC_HASH_VERSION);
	imp_hash_int(h, it->key);
	for (i = TC_TITLE; i < TC__MAX; i++)
		if (i != TC_GENRES && i != TC_KEYWORDS)
			imp_hash_str(h, f[i]);
	if ((rc = imp_json_names(NULL, names, a, genres, 1, m, h, err, errlen)) != 0 ||
	    (rc = imp_json_names(NULL, names, a, kw, 0, m, h, err, errlen)) != 0)
		goto out;
	imp_hash_end(h, it->hash);
	h = NULL;
	it->movie_id = imp_state_find(state, it->key, &old);
	if (it->movie_id != 0 && old != NULL && strcmp(old, it->hash) == 0) {
		rc = 1;
		goto out;
	}
	if ((rc = imp_json_names(db, names, a, genres, 1, m, NULL, err, errlen)) != 0 ||
	    (rc = imp_json_names(db, names, a, kw, 0, m, NULL, err, errlen)) != 0)
		goto out;
	rc = 0;
out:
	if (h != NULL)
		imp_hash_end(h, it->hash);
	cJSON_Delete(genres);
	cJSON_Delete(kw);
	return rc;
}

int
import_tmdb_csv(struct db *db, const char *path)
{
	struct imp_stats	 st;
	struct imp_state	*state = NULL;
	struct imp_names	*names = NULL, *seen = NULL;
	struct imp_arena	*a = NULL;
	struct imp_item		*items = NULL, *it;
	struct csv		*c = NULL;
	double			 t0 = clock_s();
	char			 err[256], key[32];
	size_t			 n = 0, cap = 0, ncols = 0, i;
	int			 col[TC__MAX], rc = 1, r, j, header = 0;
	long long		 max_year, first;
	time_t			 now = time(NULL);
	struct tm		 tm;

	memset(&st, 0, sizeof(st));
	gmtime_r(&now, &tm);
	max_year = tm.tm_year + 1900 + 10;
	if ((c = csv_open(path, IMP_MAX_FIELD, IMP_MAX_RECORD)) == NULL) {
		fprintf(stderr, "streamify-import: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (csv_read(c) != 1) {
		fprintf(stderr, "streamify-import: %s:1: no header line\n", path);
		goto out;
	}
	ncols = csv_nfields(c);
	for (j = 0; j < TC__MAX; j++) {
		col[j] = -1;
		for (i = 0; i < ncols; i++)
			if (strcmp(csv_field(c, i), tc_names[j]) == 0)
				col[j] = (int)i;
		if (col[j] < 0) {
			fprintf(stderr, "streamify-import: %s:1: no column \"%s\" in the header\n",
			    path, tc_names[j]);
			goto out;
		}
	}
	header = 1;
	if (db_import_state_load(db, IMP_SRC_TMDB_CSV, &state) != DB_OK ||
	    (names = imp_names_new()) == NULL || (seen = imp_names_new()) == NULL ||
	    (a = imp_arena_new()) == NULL) {
		fprintf(stderr, "streamify-import: tmdb-csv: cannot start (database or memory)\n");
		goto out;
	}
	/* New genre and keyword names are created in one transaction of their own. */
	if (db_begin(db) != DB_OK)
		goto out;
	while ((r = csv_read(c)) != 0) {
		if (r == -1) {
			st.read++;
			imp_bad(&st, path, csv_line(c), "%s", csv_error(c));
			continue;
		}
		if (csv_nfields(c) == 1 && csv_len(c, 0) == 0)
			continue;
		st.read++;
		if (csv_nfields(c) != ncols) {
			imp_bad(&st, path, csv_line(c), "%zu fields, expected %zu",
			    csv_nfields(c), ncols);
			continue;
		}
		if (n == cap) {
			struct imp_item	*p = realloc(items, (cap = cap ? cap * 2 : 256) *
			    sizeof(*items));

			if (p == NULL)
				goto oom;
			items = p;
		}
		it = &items[n];
		memset(it, 0, sizeof(*it));
		if ((r = tc_row(db, names, a, c, col, max_year, state, it, err,
		    sizeof(err))) == -2)
			goto out;
		if (r == -1) {
			imp_bad(&st, path, csv_line(c), "%s", err);
			continue;
		}
		snprintf(key, sizeof(key), "%lld", it->key);
		if ((first = imp_names_get(seen, key)) != 0) {
			imp_bad(&st, path, csv_line(c), "id %lld again (first on line %lld)",
			    it->key, first);
			continue;
		}
		if (imp_names_put(seen, key, (long long)csv_line(c)) == -1)
			goto oom;
		if (r == 1) {
			st.unchanged++;
			continue;
		}
		snprintf(it->label, sizeof(it->label), "%s:%lu (id %lld)",
		    strrchr(path, '/') ? strrchr(path, '/') + 1 : path, csv_line(c), it->key);
		n++;
	}
	if (db_commit(db) != DB_OK) {
		fprintf(stderr, "streamify-import: tmdb-csv: cannot store genres and keywords\n");
		goto out;
	}
	if (imp_write(db, IMP_SRC_TMDB_CSV, items, n, &st) == -1)
		goto out;
	rc = st.bad > 0 || st.failed > 0 ? 1 : 0;
	goto out;
oom:
	fprintf(stderr, "streamify-import: tmdb-csv: out of memory\n");
out:
	db_rollback(db);
	if (header)
		imp_summary("tmdb-csv", &st, clock_s() - t0);
	csv_close(c);
	imp_state_free(state);
	imp_names_free(names);
	imp_names_free(seen);
	imp_arena_free(a);
	free(items);
	return rc;
}
