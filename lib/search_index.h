/* search_index.h: keeping the search index of a movie in step with the catalog. */
#ifndef STREAMIFY_SEARCH_INDEX_H
#define STREAMIFY_SEARCH_INDEX_H

struct db;

/*
 * Rebuild the search index rows of one movie from its titles (title,
 * original_title, alt_titles), description, cast and directors as they are now in the database (or remove them when
 * the movie is gone). Call it inside the transaction that changed the
 * movie. Returns DB_OK or a db_rc error.
 */
int	search_index_movie(struct db *db, long long movie_id);

/*
 * Rebuild the search index of every movie, in transactions of a few
 * hundred movies each (run it outside a transaction; a deadlock is
 * retried). Returns DB_OK or a db_rc error; movies indexed before an error stay so.
 */
int	search_reindex_all(struct db *db);

#endif
