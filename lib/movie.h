/* movie.h: the movie summary every list returns, read from one row of the movies table. */
#ifndef STREAMIFY_MOVIE_H
#define STREAMIFY_MOVIE_H

#include <cjson/cJSON.h>

struct db_res;

/*
 * The columns of a movie summary, for SELECT lists of statements that
 * return movies: "SELECT " MOVIE_COLS(m) ", ... FROM movies m ...". They
 * come first in the row, MOVIE_NCOLS of them.
 */
#define MOVIE_COLS(m) \
	#m ".id, " #m ".title, " #m ".description, " #m ".release_year, " #m ".genres, " \
	#m ".rating, " #m ".vote_count, " #m ".popularity, " #m ".poster_url, " \
	#m ".banner_url, " #m ".duration, " #m ".language, " #m ".created_at, " \
	#m ".updated_at, " #m ".original_title"
#define MOVIE_NCOLS	15

/*
 * Make the summary object of the movie whose MOVIE_COLS start at column
 * col0 of the current row: id, title, original_title (another title, in the
 * original language, or null), description, overview, release_year,
 * genre, genres, rating, vote_average (the rating under TMDB's name, 0..10,
 * absent rather than null), vote_count, popularity, poster_url, banner_url,
 * duration, language, created_at, updated_at. Returns NULL when out of
 * memory; the caller owns the object.
 */
cJSON	*movie_summary(struct db_res *res, int col0);

#endif
