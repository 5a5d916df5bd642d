/* resp.h: the response being built, and the API's success and error envelopes. */
#ifndef STREAMIFY_RESP_H
#define STREAMIFY_RESP_H

#include <stddef.h>

#include <cjson/cJSON.h>

enum resp_cache {
	CACHE_DEFAULT,	/* decided by the route: public for ROUTE_CACHE, else no-store */
	CACHE_NONE,	/* Cache-Control: no-store */
	CACHE_PRIVATE,	/* Cache-Control: private, no-store */
	CACHE_PUBLIC,	/* Cache-Control: public, max-age=max_age */
};

struct resp {
	int		 status;
	char		*body;		/* owned; NULL for no body */
	size_t		 body_len;
	const char	*content_type;	/* static string; NULL = application/json */
	enum resp_cache	 cache;
	int		 max_age;	/* seconds, for CACHE_PUBLIC */
	int		 retry_after;	/* seconds; 0 = no header */
	char		 allow[64];	/* Allow header for 405 and OPTIONS */
	char		 etag[24];	/* quoted ETag, "" = none */
	const char	*www_error;	/* error="..." of WWW-Authenticate, or NULL */
	char		 location[256];	/* Location header, "" = none */
	unsigned	 vary;		/* RESP_VARY_* request headers the body depends on */
	char		 preflight[64];	/* CORS preflight: the methods allowed, "" = not one */
};

#define RESP_VARY_AUTHORIZATION	0x01	/* the body depends on the token */

/* Reset w for a new request, freeing a previous body. */
void	resp_reset(struct resp *w);

/*
 * Set the body to the compact text of root and free root (ownership always
 * passes, also on error). Adds "success": true in front when root is an
 * object that has no "success". Returns status, or 500 when out of memory.
 */
int	resp_json(struct resp *w, int status, cJSON *root);

/* {"success": true, "data": data}; takes data (NULL gives null). Returns status. */
int	resp_data(struct resp *w, int status, cJSON *data);

/* {"success": true, "results": results}; takes results. Returns 200. */
int	resp_results(struct resp *w, cJSON *results);

/*
 * {"success": true, "results", "page", "per_page", "total_results",
 * "total_pages"}; takes results. Returns 200.
 */
int	resp_page(struct resp *w, cJSON *results, long long page, long long per_page,
	    long long total);

/*
 * A JSON body made earlier (len bytes, NUL-terminated after them), copied:
 * a remembered answer. Returns status, or 500 when out of memory.
 */
int	resp_copy(struct resp *w, int status, const char *body, size_t len);

/* No body (204, 304). Returns status. */
int	resp_empty(struct resp *w, int status);

/*
 * {"success": false, "error": code, "message": message}. A NULL code or
 * message takes the standard one of the status. Sets the headers the
 * status needs (Retry-After for 429 and 503 when not set yet). Returns status.
 */
int	resp_error(struct resp *w, int status, const char *code, const char *message);

/*
 * 400 bad_request with "fields": fields (an object of field -> problem);
 * takes fields. Returns 400.
 */
int	resp_fields(struct resp *w, cJSON *fields);

/* 400 bad_request naming one field. Returns 400. */
int	resp_field(struct resp *w, const char *field, const char *problem);

/* The standard machine code of an error status ("not_found" for 404). */
const char *resp_code(int status);

/* The reason phrase of a status ("Not Found"). */
const char *resp_reason(int status);

/* Set w->etag from the body: a strong ETag over its bytes. */
void	resp_set_etag(struct resp *w);

/* Whether an If-None-Match header value matches etag. */
int	resp_etag_match(const char *if_none_match, const char *etag);

#endif
