/* import.h: what the sources of streamify-import share: counters, bad rows, hashing, batches. */
#ifndef STREAMIFY_IMPORT_H
#define STREAMIFY_IMPORT_H

#include <stddef.h>

#include "db_import.h"

struct db;

#define IMP_BATCH	300		/* movies per transaction */
#define IMP_BULK_INDEX	500		/* movies written at which search is reindexed once, at the end */
#define IMP_MAX_FIELD	(64 * 1024)	/* bytes of one CSV field */
#define IMP_MAX_RECORD	(256 * 1024)	/* bytes of one CSV record */
#define IMP_BAD_LISTED	10		/* bad rows named in the summary */

/* The counters of one source, printed as the summary line. */
struct imp_stats {
	size_t		 read;		/* source rows (movies) read */
	size_t		 inserted;
	size_t		 updated;
	size_t		 unchanged;	/* same hash as last time: nothing written */
	size_t		 skipped;	/* not written because a row of theirs was bad */
	size_t		 bad;		/* malformed rows, in any file */
	size_t		 failed;	/* movies the database or the API refused */
	char		 where[IMP_BAD_LISTED][96];	/* "movies.csv:12" of the first bad rows */
};

/* One movie ready to write: the source's row, its hash and the movie it became before. */
struct imp_item {
	struct imp_movie m;
	long long	 key;		/* source key (movieId, TMDB id) */
	long long	 movie_id;	/* from import_rows; 0 = new */
	char		 hash[65];
	char		 label[48];	/* for messages: "movies.csv:12", "tmdb 603" */
};

/* Record a bad row: prints "streamify-import: FILE:LINE: message" and counts it. */
void	imp_bad(struct imp_stats *st, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Print the summary line of a source on standard output. */
void	imp_summary(const char *source, const struct imp_stats *st, double seconds);


/* SHA-256 of a row's values, as 64 hex characters. */
struct imp_hash;
struct imp_hash	*imp_hash_new(const char *version);
void		 imp_hash_str(struct imp_hash *h, const char *s);	/* NULL allowed */
void		 imp_hash_int(struct imp_hash *h, long long v);
void		 imp_hash_num(struct imp_hash *h, double v);
void		 imp_hash_end(struct imp_hash *h, char out[65]);	/* frees h */

/* A map from names to ids (genres, keywords), filled outside the movie transactions. */
struct imp_names;
struct imp_names *imp_names_new(void);
long long	 imp_names_get(const struct imp_names *n, const char *name);	/* 0 = absent */
int		 imp_names_put(struct imp_names *n, const char *name, long long id);
void		 imp_names_free(struct imp_names *n);

/*
 * Resolve name through the map, creating the genre (is_genre) or keyword in
 * the database when missing. Returns the id, or 0 on a database error.
 */
long long	 imp_name_id(struct db *db, struct imp_names *n, const char *name,
		    int is_genre);

/*
 * Write items in transactions of IMP_BATCH: db_import_movielens for
 * source "movielens", db_import_tmdb otherwise. When a transaction fails,
 * it is rolled back and its items are written one per transaction, so one
 * bad movie costs only itself (counted in st->failed, with a message).
 * Draws a progress bar. Returns 0, or -1 when the database is gone.
 */
int	imp_write(struct db *db, const char *source, struct imp_item *items, size_t n,
	    struct imp_stats *st);

/*
 * Read the genre synonyms (sql/013_genre_synonyms.sql) for this run. Returns
 * 0, or -1 after a message. Call once before the sources.
 */
int	imp_genre_synonyms_load(struct db *db);

/*
 * The name a genre spelled name is stored under ("Science Fiction" ->
 * "Sci-Fi", ignoring case), or name itself. Valid until the next call.
 */
const char *imp_genre_name(const char *name);

/* Normalise text in place: trim, collapse white space; lower_ascii lowercases A-Z. */
void	imp_squeeze(char *s, int lower_ascii);

/* Strings and arrays that live until the end of one source's import, freed at once. */
struct imp_arena;
struct imp_arena *imp_arena_new(void);
void		*imp_alloc(struct imp_arena *a, size_t size);		/* zeroed; NULL = no memory */
char		*imp_strdup(struct imp_arena *a, const char *s);	/* NULL for NULL or no memory */
void		 imp_arena_free(struct imp_arena *a);

/*
 * Read a TMDB list of {"name": ...} objects (genres or keywords) into m:
 * genres resolved into m->genre_ids and m->genres, keywords into m->kw
 * (weight 1, allocated in a). Each name goes into h as well. Returns 0, -1
 * when the list is malformed (what in err), -2 on a database error.
 */
struct cJSON;
int	imp_json_names(struct db *db, struct imp_names *names, struct imp_arena *a,
	    const struct cJSON *list, int is_genre, struct imp_movie *m, struct imp_hash *h,
	    char *err, size_t errlen);

/* The sources. Each returns the exit status (0, or 1 when anything was bad or failed). */
int	import_movielens(struct db *db, const char *dir);
int	import_tmdb_csv(struct db *db, const char *path);
int	import_tmdb_api(struct db *db, const long long *ids, size_t nids, long long pages);

#endif
