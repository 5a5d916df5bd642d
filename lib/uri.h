/* uri.h: request-line pieces: the path, the query string, percent-decoding. */
#ifndef STREAMIFY_URI_H
#define STREAMIFY_URI_H

#include <stddef.h>

#define URI_MAX_PARAMS	32	/* query parameters kept per request */

struct uri_param {
	char	*key;	/* decoded, NUL-terminated */
	char	*val;	/* decoded, NUL-terminated, "" for "k" or "k=" */
};

struct uri_query {
	struct uri_param	 p[URI_MAX_PARAMS];
	size_t			 n;
	char			*buf;	/* one allocation holding every key and value */
};

/*
 * Percent-decode len bytes of src into dst (at least len + 1 bytes); '+'
 * becomes a space when plus is set. Returns the decoded length, or -1 on a
 * bad escape or a decoded NUL byte.
 */
long	uri_decode(char *dst, const char *src, size_t len, int plus);

/*
 * Parse a query string ("a=1&b=x%20y") into q. Returns 0; -1 on a bad
 * escape, a NUL byte, or more than URI_MAX_PARAMS parameters. On error q
 * holds nothing that needs freeing.
 */
int	uri_query_parse(struct uri_query *q, const char *qs);

/* Free what uri_query_parse kept; accepts a zeroed or freed query. */
void	uri_query_free(struct uri_query *q);

/* Value of the first parameter named key, or NULL. */
const char *uri_query_get(const struct uri_query *q, const char *key);

/*
 * Take the path of a request URI (up to '?'), percent-decode it and strip
 * the API prefix "/api/v1" or "/api". The result has no trailing slash
 * (except "/") and is written to out (outlen bytes). Returns 0, or -1 when
 * the path is not under /api, is malformed, has "." or ".." segments, or
 * does not fit.
 */
int	uri_api_path(const char *uri, char *out, size_t outlen);

#endif
