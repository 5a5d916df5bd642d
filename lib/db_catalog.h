/* db_catalog.h: the catalog's data access that is more than one statement: search. */
#ifndef STREAMIFY_DB_CATALOG_H
#define STREAMIFY_DB_CATALOG_H

struct db;

#define SEARCH_ROW_LIMIT	5000	/* index rows one statement of a search reads, at most */

/*
 * Search the catalog for q (any UTF-8 text): every query word (stop words
 * aside, unless there is nothing else) must match a title, cast, director
 * or description word of the movie exactly, with one typo (words of 5
 * letters or more; not in descriptions), or, for the last word of 3 letters
 * or more, as the start of a title or people word. Movies are ranked by
 * search_tier, then popularity, then id. The ids of ranks offset ..
 * offset + limit - 1 go to ids (room for limit), their number to *nids, the
 * number of matching movies to *total. Runs at most 3 statements per query
 * word (6 for the last), of at most 8 words, each reading at most
 * SEARCH_ROW_LIMIT rows. Returns DB_OK or a db_rc error.
 */
int	db_catalog_search(struct db *db, const char *q, long long offset, int limit,
	    long long *ids, int *nids, long long *total);

/*
 * The id of the genre name names in any of its spellings (genre_synonyms:
 * "Science Fiction", "sci-fi" and "SCI FI" are all Sci-Fi), ignoring case.
 * Returns DB_OK with *id, DB_ERR_NOTFOUND, or another db_rc error.
 */
int	db_catalog_genre_id(struct db *db, const char *name, long long *id);

#endif
