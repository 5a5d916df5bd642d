/* client.h: an HTTP client for the API tests (libcurl + cJSON), and direct database checks. */
#ifndef STREAMIFY_TEST_API_H
#define STREAMIFY_TEST_API_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct api_resp {
	long	 status;	/* HTTP status, 0 when the request failed */
	char	*body;		/* NUL-terminated */
	size_t	 len;
	char	*headers;	/* raw response headers */
	cJSON	*json;		/* the parsed body, or NULL */
	double	 seconds;	/* total time */
};

/*
 * Read STREAMIFY_TEST_URL (the stack that ./dev test started); without it
 * the program is skipped (TAP "1..0 # SKIP"). Call first.
 */
void		 api_init(void);

/* The base URL, "http://127.0.0.1:PORT". */
const char	*api_base(void);

/*
 * Send one request. path is appended to the base URL ("/api/health").
 * token (may be NULL) goes as "Authorization: Bearer <token>". body (may be
 * NULL) is sent with Content-Type: application/json unless headers name
 * another. headers is NULL or a NULL-terminated list of "Name: value"
 * lines; an "Accept-Encoding: gzip" line makes libcurl ask for and decode
 * a compressed answer (body is then the decoded text). Never returns NULL;
 * free with api_free.
 */
struct api_resp	*api_req(const char *method, const char *path, const char *token,
		    const char *body, const char *const *headers);

/*
 * Send the next requests from the local address addr (a loopback one such
 * as "127.0.0.5": nginx sees it as the client's address), or again from the
 * default one when addr is NULL.
 */
void		 api_set_source(const char *addr);

/* Shorthands: api_req(method, path, token, body, NULL). */
struct api_resp	*api_get(const char *path, const char *token);
struct api_resp	*api_send(const char *method, const char *path, const char *token,
		    const char *body);

/* A response header's value (first match, case-insensitive), copied into buf; NULL if absent. */
const char	*api_header(const struct api_resp *r, const char *name, char *buf, size_t len);

/*
 * Every value of a response header that may come more than once (Vary),
 * joined with ", " into buf; NULL if absent.
 */
const char	*api_header_all(const struct api_resp *r, const char *name, char *buf, size_t len);

/* How many response header lines have a name starting with prefix ("Access-Control-"). */
int		 api_header_prefix(const struct api_resp *r, const char *prefix);

/*
 * Copy pattern into out (len bytes), with each "%s" in it replaced by value:
 * a table of cases with a blank to fill, without a format string that is not
 * a literal. Returns out.
 */
char		*str_fill(char *out, size_t len, const char *pattern, const char *value);

/* Free a response; accepts NULL. */
void		 api_free(struct api_resp *r);

/*
 * Look a value up by a dotted path: "data.cast.0.name" (numbers index
 * arrays). Returns NULL when any step is missing.
 */
cJSON		*jget(const cJSON *root, const char *path);
const char	*jstr(const cJSON *root, const char *path);	/* NULL unless a string */
double		 jnum(const cJSON *root, const char *path);	/* NAN unless a number */
int		 jsize(const cJSON *root, const char *path);	/* array size, -1 unless an array */

/*
 * Check the error envelope: status, success false, the error code and a
 * non-empty message. Records one TAP case named name. Returns 1 when it holds.
 */
int		 is_error(const struct api_resp *r, long status, const char *code,
		    const char *name);

/* A unique string for this run ("t1a2b3c4"), for usernames and the like. */
const char	*api_unique(void);

/*
 * Register a new user (username = prefix + a unique suffix, password
 * "correct horse 1") and log in. Returns the access token (static buffer
 * per call index: copy it) or NULL; *user_id receives the id when not NULL.
 */
char		*api_new_user(const char *prefix, long long *user_id);

/*
 * Direct database access for checks that the API cannot see ("nothing
 * half-written"): runs trusted SQL and returns the first column of the
 * first row as a number (-1 on error, 0 for no row). Uses STREAMIFY_TEST_DB_*.
 */
long long	 db_count(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run trusted SQL with no result; returns 0 or -1. */
/*
 * Note a write made around the API (db_do does it itself; call it after
 * running a batch or the importer): the next request waits until the
 * workers must have seen it (version_check_ms, lib/board.c).
 */
void		 api_external_write(void);

int		 db_do(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
