/* tmdb.h: a client of the TMDB API v3 (libcurl): bounded, retried, verified GETs of JSON. */
#ifndef STREAMIFY_TMDB_H
#define STREAMIFY_TMDB_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* What tmdb_get returns. */
enum tmdb_rc {
	TMDB_OK = 0,
	TMDB_ERR_NOTFOUND = -1,		/* 404: no such movie */
	TMDB_ERR_AUTH = -2,		/* 401: the API key was refused */
	TMDB_ERR_HTTP = -3,		/* another status, or 429/5xx after every retry */
	TMDB_ERR_NETWORK = -4,		/* no connection, timeout, TLS failure, after retries */
	TMDB_ERR_TOO_BIG = -5,		/* the body is over tmdb_max_response */
	TMDB_ERR_MALFORMED = -6,	/* the body is not a JSON object */
	TMDB_ERR_INTERNAL = -7,		/* out of memory, or the client could not be set up */
};

struct tmdb;

/*
 * Make a client from the configuration: tmdb_base_url, tmdb_api_key (or
 * TMDB_API_KEY), tmdb_timeout (total, per request; connecting gets at most
 * 10 s of it) and tmdb_max_response. TLS peers are always verified.
 * Returns NULL (with a message on stderr) when no key is configured or
 * libcurl cannot start.
 */
struct tmdb	*tmdb_new(void);

/* Free the client; accepts NULL. */
void		 tmdb_free(struct tmdb *t);

/*
 * GET base_url + path (e.g. "/movie/603") with the API key and query
 * (NULL or "page=2", already URL-safe) and parse the body. A 429 is retried
 * after its Retry-After (at most 60 s), a 5xx or a network failure after an
 * exponential back-off from 0.5 s, up to TMDB_ATTEMPTS attempts in all. On
 * TMDB_OK, *out receives the JSON object, owned by the caller
 * (cJSON_Delete). Otherwise *out is NULL and err says what failed (never
 * with the API key in it).
 */
#define TMDB_ATTEMPTS	4
int		 tmdb_get(struct tmdb *t, const char *path, const char *query, cJSON **out,
		    char *err, size_t errlen);

/* Requests made so far, retries included (for the summary and tests). */
unsigned long	 tmdb_requests(const struct tmdb *t);

#endif
