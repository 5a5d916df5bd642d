/* db_import.c: the importers' writes: movies upserted from one source row, idempotently. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_import.h"
#include "hex.h"
#include "log.h"
#include "search_index.h"

#define KW_SOURCE_TMDB	"tmdb"	/* keywords of the CSV and the API count once */

struct imp_state_entry {
	long long	 key;		/* 0 = free slot */
	long long	 movie_id;
	char		 hash[65];
};

struct imp_state {
	struct imp_state_entry	*slot;
	size_t			 cap;	/* a power of two */
	size_t			 n;
};


/* Insert or replace key. Returns 0 or -1 when out of memory. */
static int
state_put(struct imp_state *st, long long key, long long movie_id, const char *hash)
{
	struct imp_state_entry	*e;
	size_t			 i;

	if ((st->n + 1) * 2 > st->cap) {
		struct imp_state	 bigger;

		bigger.cap = st->cap ? st->cap * 2 : 1024;
		bigger.n = 0;
		if ((bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot))) == NULL)
			return -1;
		for (i = 0; i < st->cap; i++)
			if (st->slot[i].key != 0)
				(void)state_put(&bigger, st->slot[i].key,
				    st->slot[i].movie_id, st->slot[i].hash);
		free(st->slot);
		*st = bigger;
	}
	for (i = hash_slot(key, st->cap - 1);; i = (i + 1) & (st->cap - 1)) {
		e = &st->slot[i];
		if (e->key == 0 || e->key == key)
			break;
	}
	if (e->key == 0)
		st->n++;
	e->key = key;
	e->movie_id = movie_id;
	snprintf(e->hash, sizeof(e->hash), "%s", hash);
	return 0;
}

int
db_import_state_load(struct db *db, const char *source, struct imp_state **out)
{
	struct imp_state	*st;
	struct db_res		*res;
	int			 rc;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return DB_ERR_INTERNAL;
	if ((rc = db_exec(db, STMT_IMP_STATE_LOAD, &res, "s", source)) != DB_OK)
		goto fail;
	while ((rc = db_next(res)) == 1)
		if (db_int(res, 0) != 0 && state_put(st, db_int(res, 0), db_int(res, 1),
		    db_str(res, 2) ? db_str(res, 2) : "") == -1) {
			log_error("db_import_state_load: out of memory");
			rc = DB_ERR_INTERNAL;
			break;
		}
	db_res_free(res);
	if (rc != 0)
		goto fail;
	*out = st;
	return DB_OK;
fail:
	imp_state_free(st);
	return rc < 0 ? rc : DB_ERR_INTERNAL;
}

long long
imp_state_find(const struct imp_state *st, long long key, const char **hash)
{
	size_t	 i;

	*hash = NULL;
	if (st == NULL || st->cap == 0 || key == 0)
		return 0;
	for (i = hash_slot(key, st->cap - 1); st->slot[i].key != 0; i = (i + 1) & (st->cap - 1))
		if (st->slot[i].key == key) {
			*hash = st->slot[i].hash;
			return st->slot[i].movie_id;
		}
	return 0;
}

void
imp_state_free(struct imp_state *st)
{
	if (st == NULL)
		return;
	free(st->slot);
	free(st);
}

/* Insert-if-missing then read the id, for genres and keywords. */
static int
name_id(struct db *db, enum stmt_id add, enum stmt_id get, const char *name, long long *id)
{
	struct db_res	*res;
	int		 rc;

	*id = 0;
	if ((rc = db_exec(db, add, NULL, "s", name)) != DB_OK)
		return rc;
	if ((rc = db_row(db, get, &res, "s", name)) != DB_OK)
		return rc;
	*id = db_int(res, 0);
	db_res_free(res);
	return DB_OK;
}

int
db_import_genre_id(struct db *db, const char *name, long long *id)
{
	return name_id(db, STMT_IMP_GENRE_ADD, STMT_IMP_GENRE_ID, name, id);
}

int
db_import_keyword_id(struct db *db, const char *name, long long *id)
{
	return name_id(db, STMT_IMP_KEYWORD_ADD, STMT_IMP_KEYWORD_ID, name, id);
}

/*
 * Find the movie a source row already is. The row with our movielens_id
 * wins; then one with our tmdb_id, then our imdb_id, unless that one came
 * from another MovieLens movie (then the write reports the clash). Sets
 * *id (0 = none) and *ml (its movielens_id, 0 = NULL).
 */
static int
match(struct db *db, const struct imp_movie *m, long long *id, long long *ml)
{
	const long long	*mlp = m->movielens_id ? &m->movielens_id : NULL;
	const long long	*tmdb = m->tmdb_id ? &m->tmdb_id : NULL;
	struct db_res	*res;
	long long	 best = 0, best_ml = 0;
	int		 rc, rank, best_rank = 0;

	*id = 0;
	*ml = 0;
	if ((rc = db_exec(db, STMT_IMP_MATCH, &res, "IIs", mlp, tmdb, m->imdb_id)) != DB_OK)
		return rc;
	while ((rc = db_next(res)) == 1) {
		long long	 row_ml = db_int(res, 1);

		if (m->movielens_id != 0 && row_ml == m->movielens_id)
			rank = 3;
		else if (m->movielens_id != 0 && row_ml != 0)
			rank = 0;
		else if (m->tmdb_id != 0 && db_int(res, 2) == m->tmdb_id)
			rank = 2;
		else
			rank = 1;
		if (rank > best_rank) {
			best_rank = rank;
			best = db_int(res, 0);
			best_ml = row_ml;
		}
	}
	db_res_free(res);
	if (rc < 0)
		return rc;
	*id = best;
	*ml = best_ml;
	return DB_OK;
}

/* A growing text buffer for the JSON lists. */
struct jbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;
};

static void
jb_add(struct jbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (b->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = 1;
			return;
		}
		if (b->s != NULL && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t	 ncap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
			char	*p = realloc(b->s, ncap);

			if (p == NULL) {
				b->oom = 1;
				return;
			}
			b->s = p;
			b->cap = ncap;
		}
	}
}

struct imp_pending {
	struct jbuf	 genres;	/* [[movie, genre, position], ...] */
	struct jbuf	 ratings;	/* [[user, movie, score, ts], ...] */
	struct jbuf	 state;		/* [[key, movie, "hash"], ...] */
	long long	*ids;		/* movies written, for the search index */
	size_t		 nids;
	size_t		 capids;
	int		 oom;
	int		 defer_index;	/* the caller reindexes everything at the end */
};

struct imp_pending *
imp_pending_new(void)
{
	return calloc(1, sizeof(struct imp_pending));
}

void
imp_pending_defer_index(struct imp_pending *p, int defer)
{
	p->defer_index = defer;
}

void
imp_pending_reset(struct imp_pending *p)
{
	p->genres.len = p->ratings.len = p->state.len = 0;
	p->genres.oom = p->ratings.oom = p->state.oom = 0;
	p->nids = 0;
	p->oom = 0;
}

void
imp_pending_free(struct imp_pending *p)
{
	if (p == NULL)
		return;
	free(p->genres.s);
	free(p->ratings.s);
	free(p->state.s);
	free(p->ids);
	free(p);
}

/* Start a list item: "[" before the first, "," before the others. */
static void
jb_item(struct jbuf *b)
{
	jb_add(b, b->len == 0 ? "[" : ",");
}

/* Queue the import record of a movie and remember it for the search index. */
static int
pend_movie(struct imp_pending *p, long long key, long long id, const char *hash)
{
	if (p->nids == p->capids) {
		size_t		 ncap = p->capids ? p->capids * 2 : 256;
		long long	*v = realloc(p->ids, ncap * sizeof(*v));

		if (v == NULL)
			return DB_ERR_INTERNAL;
		p->ids = v;
		p->capids = ncap;
	}
	p->ids[p->nids++] = id;
	jb_item(&p->state);
	jb_add(&p->state, "[%lld,%lld,\"%.64s\"]", key, id, hash);
	return p->state.oom ? DB_ERR_INTERNAL : DB_OK;
}

int
db_import_flush(struct db *db, struct imp_pending *p, const char *source)
{
	size_t	 i;
	int	 rc;

	if (p->genres.oom || p->ratings.oom || p->state.oom) {
		log_error("db_import_flush: out of memory");
		return DB_ERR_INTERNAL;
	}
	if (p->genres.len > 0) {
		jb_add(&p->genres, "]");
		if ((rc = db_exec(db, STMT_IMP_GENRES_ADD_MANY, NULL, "s", p->genres.s)) != DB_OK)
			return rc;
	}
	if (p->ratings.len > 0) {
		jb_add(&p->ratings, "]");
		if ((rc = db_exec(db, STMT_IMP_RATINGS_ADD_MANY, NULL, "s", p->ratings.s)) != DB_OK)
			return rc;
	}
	if (p->state.len > 0) {
		jb_add(&p->state, "]");
		if ((rc = db_exec(db, STMT_IMP_STATE_PUT_MANY, NULL, "ss", source, p->state.s)) != DB_OK)
			return rc;
	}
	for (i = 0; i < p->nids && !p->defer_index; i++)
		if ((rc = search_index_movie(db, p->ids[i])) != DB_OK)
			return rc;
	imp_pending_reset(p);
	return DB_OK;
}

/* Replace the genres of a movie with m's (new: there is nothing to remove). */
static int
put_genres(struct db *db, struct imp_pending *p, long long id, const struct imp_movie *m,
    int is_new)
{
	size_t		 i;
	int		 rc;

	if (!is_new && (rc = db_exec(db, STMT_IMP_GENRES_CLEAR, NULL, "i", id)) != DB_OK)
		return rc;
	for (i = 0; i < m->ngenres; i++) {
		jb_item(&p->genres);
		jb_add(&p->genres, "[%lld,%lld,%zu]", id, m->genre_ids[i], i);
	}
	return p->genres.oom ? DB_ERR_INTERNAL : DB_OK;
}

/* Replace the keywords source gave a movie, then rebuild movie_keywords from all sources. */
static int
put_keywords(struct db *db, long long id, const struct imp_movie *m, const char *source,
    int is_new)
{
	struct jbuf	 b = { NULL, 0, 0, 0 };
	size_t		 i;
	int		 rc;

	if (is_new && m->nkw == 0)
		return DB_OK;
	if (!is_new && (rc = db_exec(db, STMT_IMP_KWSRC_CLEAR, NULL, "is", id, source)) != DB_OK)
		return rc;
	if (m->nkw > 0) {
		jb_add(&b, "[");
		for (i = 0; i < m->nkw; i++)
			jb_add(&b, "%s[%lld,%lld]", i ? "," : "", m->kw[i].id, m->kw[i].weight);
		jb_add(&b, "]");
		rc = b.oom ? DB_ERR_INTERNAL :
		    db_exec(db, STMT_IMP_KWSRC_ADD, NULL, "iss", id, source, b.s);
		free(b.s);
		if (rc != DB_OK)
			return rc;
	}
	if ((rc = db_exec(db, STMT_IMP_KW_CLEAR, NULL, "i", id)) != DB_OK)
		return rc;
	return db_exec(db, STMT_IMP_KW_REBUILD, NULL, "i", id);
}

/* Replace the MovieLens ratings of a movie. */
static int
put_ratings(struct db *db, struct imp_pending *p, long long id, const struct imp_movie *m,
    int is_new)
{
	size_t	 i;
	int	 rc;

	if (!is_new && (rc = db_exec(db, STMT_IMP_RATINGS_CLEAR, NULL, "i", id)) != DB_OK)
		return rc;
	for (i = 0; i < m->nratings; i++) {
		jb_item(&p->ratings);
		jb_add(&p->ratings, "[%lld,%lld,%.1f,%lld]", m->ratings[i].user, id,
		    m->ratings[i].score, m->ratings[i].ts);
	}
	return p->ratings.oom ? DB_ERR_INTERNAL : DB_OK;
}

/* Replace the cast and the directors of a movie. */
static int
put_credits(struct db *db, long long id, const struct imp_movie *m, int is_new)
{
	long long	 pid[64];
	size_t		 i, j, n = 0;
	int		 rc;

	if (!is_new && ((rc = db_exec(db, STMT_IMP_CAST_CLEAR, NULL, "i", id)) != DB_OK ||
	    (rc = db_exec(db, STMT_IMP_DIRECTORS_CLEAR, NULL, "i", id)) != DB_OK))
		return rc;
	for (i = 0; i < m->ncast + m->ndirectors; i++) {
		const struct imp_person	*p = i < m->ncast ? &m->cast[i] :
		    &m->directors[i - m->ncast];
		long long		 person;

		if ((rc = db_exec(db, STMT_IMP_PERSON_PUT, NULL, "sis", p->name, p->tmdb_id,
		    p->profile_path)) != DB_OK)
			return rc;
		person = db_insert_id(db);
		if (i >= m->ncast) {
			if ((rc = db_exec(db, STMT_IMP_CREW_ADD, NULL, "iis", id, person,
			    "Director")) != DB_OK)
				return rc;
			continue;
		}
		/* One row per person: someone in two roles keeps the first. */
		for (j = 0; j < n && pid[j] != person; j++)
			;
		if (j < n || n == sizeof(pid) / sizeof(pid[0]))
			continue;
		pid[n++] = person;
		if ((rc = db_exec(db, STMT_IMP_CAST_ADD, NULL, "iisi", id, person, p->character,
		    p->order)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

int
db_import_movielens(struct db *db, struct imp_pending *p, const struct imp_movie *m,
    long long key, const char *hash, long long movie_id, long long *out_id,
    enum imp_result *result)
{
	const long long	*year = m->year ? &m->year : NULL;
	const long long	*tmdb = m->tmdb_id ? &m->tmdb_id : NULL;
	const double	*rating = m->has_rating ? &m->rating : NULL;
	long long	 id = movie_id, ml;
	int		 rc, is_new = 0;

	if (id == 0 && (rc = match(db, m, &id, &ml)) != DB_OK)
		return rc;
	if (id == 0) {
		if ((rc = db_exec(db, STMT_IMP_ML_INSERT, NULL, "sssIsDidsIi", m->title,
		    m->original_title, m->alt_titles, year, m->genres, rating, m->vote_count,
		    m->popularity, m->imdb_id, tmdb, m->movielens_id)) != DB_OK)
			return rc;
		id = db_insert_id(db);
		is_new = 1;
	} else if ((rc = db_exec(db, STMT_IMP_ML_UPDATE, NULL, "sssIsDidsIii", m->title,
	    m->original_title, m->alt_titles, year, m->genres, rating, m->vote_count,
	    m->popularity, m->imdb_id, tmdb, m->movielens_id, id)) != DB_OK)
		return rc;
	if ((rc = put_genres(db, p, id, m, is_new)) != DB_OK ||
	    (rc = put_keywords(db, id, m, IMP_SRC_MOVIELENS, is_new)) != DB_OK ||
	    (rc = put_ratings(db, p, id, m, is_new)) != DB_OK ||
	    (rc = pend_movie(p, key, id, hash)) != DB_OK)
		return rc;
	*out_id = id;
	*result = is_new ? IMP_INSERTED : IMP_UPDATED;
	return DB_OK;
}

int
db_import_tmdb(struct db *db, struct imp_pending *p, const struct imp_movie *m,
    const char *source, const char *hash, long long movie_id, long long *out_id,
    enum imp_result *result)
{
	const long long	*year = m->year ? &m->year : NULL;
	const long long	*duration = m->duration ? &m->duration : NULL;
	const double	*rating = m->has_rating ? &m->rating : NULL;
	struct db_res	*res;
	long long	 id = movie_id, ml = 0;
	int		 rc, is_new = 0;

	if (id == 0 && (rc = match(db, m, &id, &ml)) != DB_OK)
		return rc;
	if (id != 0 && movie_id != 0) {
		if ((rc = db_exec(db, STMT_IMP_MOVIE_OWNER, &res, "i", id)) != DB_OK)
			return rc;
		if ((rc = db_next(res)) == 1)
			ml = db_int(res, 0);
		db_res_free(res);
		if (rc < 0)
			return rc;
	}
	if (id == 0) {
		if ((rc = db_exec(db, STMT_IMP_TMDB_INSERT, NULL, "ssIsDidssIssi", m->title,
		    m->description, year, m->genres, rating, m->vote_count, m->popularity,
		    m->poster_url, m->banner_url, duration, m->language, m->imdb_id,
		    m->tmdb_id)) != DB_OK)
			return rc;
		id = db_insert_id(db);
		is_new = 1;
	} else {
		if ((rc = db_exec(db, STMT_IMP_TMDB_ENRICH, NULL, "sIssssii", m->description,
		    duration, m->language, m->poster_url, m->banner_url, m->imdb_id, m->tmdb_id,
		    id)) != DB_OK)
			return rc;
		if (ml == 0 && (rc = db_exec(db, STMT_IMP_TMDB_CORE, NULL, "ssIsDidssIsi",
		    m->title, m->description, year, m->genres, rating, m->vote_count,
		    m->popularity, m->poster_url, m->banner_url, duration, m->language,
		    id)) != DB_OK)
			return rc;
	}
	if ((ml == 0 && (rc = put_genres(db, p, id, m, is_new)) != DB_OK) ||
	    (rc = put_keywords(db, id, m, KW_SOURCE_TMDB, is_new)) != DB_OK ||
	    (m->has_credits && (rc = put_credits(db, id, m, is_new)) != DB_OK) ||
	    (rc = pend_movie(p, m->tmdb_id, id, hash)) != DB_OK)
		return rc;
	*out_id = id;
	*result = is_new ? IMP_INSERTED : IMP_UPDATED;
	return DB_OK;
}

/* The prior the weighted ratings pull toward, and the ratings when it moved (db_tx). */
static int
rating_prior_tx(struct db *db, void *arg)
{
	int	*moved = arg;
	int	 rc;

	*moved = 0;
	if ((rc = db_exec(db, STMT_IMP_PRIOR_SET, NULL, "")) != DB_OK)
		return rc;
	*moved = db_affected(db) > 0;
	if (*moved)
		return db_exec(db, STMT_IMP_PRIOR_APPLY, NULL, "");
	return DB_OK;
}

int
db_import_rating_prior(struct db *db, int *moved)
{
	int	 rc;

	if ((rc = db_tx(db, rating_prior_tx, moved)) != DB_OK)
		*moved = 0;
	return rc;
}
