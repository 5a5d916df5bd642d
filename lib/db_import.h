/* db_import.h: the importers' writes: movies upserted from one source row, idempotently. */
#ifndef STREAMIFY_DB_IMPORT_H
#define STREAMIFY_DB_IMPORT_H

#include <stddef.h>

struct db;

#define IMP_MAX_GENRES	16	/* genres kept per movie */

/* The sources, as recorded in import_rows.source. */
#define IMP_SRC_MOVIELENS	"movielens"
#define IMP_SRC_TMDB_CSV	"tmdb-csv"
#define IMP_SRC_TMDB		"tmdb"

/* A keyword with its weight, resolved to its id (db_import_keyword_id). */
struct imp_kw {
	long long	 id;
	long long	 weight;
};

/* A person of the credits. */
struct imp_person {
	long long	 tmdb_id;
	const char	*name;
	const char	*profile_path;	/* NULL = none */
	const char	*character;	/* cast only; NULL = none */
	long long	 order;		/* cast only */
};

/* One MovieLens rating. */
struct imp_rating {
	long long	 user;
	double		 score;		/* stars, 0.5 .. 5.0 */
	long long	 ts;		/* Unix time */
};

/*
 * Everything one source row says about a movie. Pointers are borrowed;
 * NULL (or 0 for numbers, has_* unset) means the source does not know.
 */
struct imp_movie {
	const char		*title;
	const char		*original_title;	/* another title (MovieLens' parentheses) */
	const char		*alt_titles;		/* still others, one per line */
	const char		*description;
	long long		 year;			/* 0 = unknown */
	long long		 genre_ids[IMP_MAX_GENRES];
	size_t			 ngenres;
	char			 genres[512];		/* '|'-joined names, in order */
	double			 rating;		/* 0..10 */
	int			 has_rating;
	long long		 vote_count;
	double			 popularity;
	long long		 duration;		/* minutes; 0 = unknown */
	const char		*language;
	const char		*poster_url;
	const char		*banner_url;
	long long		 tmdb_id;		/* 0 = none */
	long long		 movielens_id;		/* 0 = none */
	const char		*imdb_id;		/* "tt0114709" or NULL */
	const struct imp_kw	*kw;			/* this source's keywords */
	size_t			 nkw;
	int			 has_credits;		/* cast and directors are known */
	const struct imp_person	*cast;
	size_t			 ncast;
	const struct imp_person	*directors;
	size_t			 ndirectors;
	const struct imp_rating	*ratings;		/* MovieLens only */
	size_t			 nratings;
};

/* What an import of one row did. */
enum imp_result { IMP_INSERTED, IMP_UPDATED };

/* What each source row imported so far became: source_key -> movie and row hash. */
struct imp_state;

/*
 * Read the import_rows of source into a new table. Returns DB_OK with
 * *out owned by the caller (free with imp_state_free), or a db_rc error.
 */
int		 db_import_state_load(struct db *db, const char *source,
		    struct imp_state **out);

/*
 * Look a source key up: returns its movie id and sets *hash (64 hex
 * characters, owned by the table), or 0 when the key was never imported.
 */
long long	 imp_state_find(const struct imp_state *st, long long key,
		    const char **hash);

/* Free the table; accepts NULL. */
void		 imp_state_free(struct imp_state *st);

/*
 * The id of the genre or keyword name, created when missing. Call outside
 * the movie transactions (the row must be committed before an id is
 * cached). Returns DB_OK or a db_rc error.
 */
int		 db_import_genre_id(struct db *db, const char *name, long long *id);
int		 db_import_keyword_id(struct db *db, const char *name, long long *id);

/*
 * Rows of several movies of one transaction (genres, ratings, import
 * records) collected to be written by one statement each, and the movies
 * to index. imp_pending_reset forgets them (after a rollback).
 */
struct imp_pending;
struct imp_pending *imp_pending_new(void);	/* NULL when out of memory */
void		 imp_pending_reset(struct imp_pending *p);
void		 imp_pending_free(struct imp_pending *p);	/* accepts NULL */

/*
 * With defer set, db_import_flush leaves the search index alone: the caller
 * rebuilds it once with search_reindex_all after a bulk import, which is
 * far cheaper than one movie at a time.
 */
void		 imp_pending_defer_index(struct imp_pending *p, int defer);

/*
 * Write what p collected, then call search_index_movie for each movie, in
 * the caller's transaction, and reset p. source names the import records.
 * Returns DB_OK or a db_rc error.
 */
int		 db_import_flush(struct db *db, struct imp_pending *p, const char *source);

/*
 * Write one MovieLens movie (its fields, genres, tag keywords and ratings)
 * and record key/hash in import_rows, inside the caller's transaction; the
 * genres, ratings and import record go into p, for db_import_flush before
 * the commit.
 * movie_id is the movie this key became before (0 = never imported: the
 * movie is matched by movielens_id, tmdb_id, then imdb_id, or inserted).
 * Sets *out_id and *result. Returns DB_OK or a db_rc error (then the caller
 * rolls back).
 */
int		 db_import_movielens(struct db *db, struct imp_pending *p,
		    const struct imp_movie *m, long long key, const char *hash,
		    long long movie_id, long long *out_id, enum imp_result *result);

/*
 * Write one TMDB movie (from the CSV or the API) the same way. It is
 * matched by tmdb_id, then imdb_id. Description, running time, language and
 * images are always taken; title, year, genres, rating, votes and
 * popularity only for a movie that did not come from MovieLens (those are
 * MovieLens' own). Keywords are recorded as the source "tmdb"; credits
 * replace the cast and directors when m->has_credits is set.
 */
int		 db_import_tmdb(struct db *db, struct imp_pending *p,
		    const struct imp_movie *m, const char *source, const char *hash,
		    long long movie_id, long long *out_id, enum imp_result *result);

/*
 * Set the catalog's mean vote (rating_prior) from the movies as they are
 * and, when it changed, make every rated movie's weighted rating again, in
 * one transaction of its own (a deadlock is retried). Nothing is written
 * when the mean is unchanged, so a second import writes nothing. Sets
 * *moved to whether it changed. Returns DB_OK or a db_rc error.
 */
int		 db_import_rating_prior(struct db *db, int *moved);

#endif
