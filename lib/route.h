/* route.h: the shape of a route table row, and the lookup that tells 404 from 405. */
#ifndef STREAMIFY_ROUTE_H
#define STREAMIFY_ROUTE_H

#include <stddef.h>

struct req;
struct resp;

/* A handler answers one request: it fills the response and returns its status. */
typedef int (*route_handler)(struct req *, struct resp *);

enum auth_level {
	AUTH_NONE,	/* no token looked at */
	AUTH_OPTIONAL,	/* anonymous, or a valid token adds per-user fields */
	AUTH_REQUIRED,	/* 401 without a valid token */
	AUTH_ADMIN,	/* 401 without a valid token, 403 unless an admin */
};

enum in_src { IN_QUERY, IN_BODY };
/*
 * IN_KEY names a row either way: a string (bounded like IN_STR; its value
 * in s) or, in a body, a positive whole JSON number (an id: s is NULL, the
 * id in i).
 */
enum in_type { IN_INT, IN_NUM, IN_STR, IN_BOOL, IN_KEY };

#define IN_REQUIRED	0x01	/* 400 when absent */
#define IN_NULLABLE	0x02	/* a body field may be JSON null */

/*
 * Every input name a route may declare (args.def), by which route tables
 * declare them and handlers read them: a misspelt name does not compile.
 * ARG_NONE ends a table of inputs.
 */
enum arg {
	ARG_NONE,
#define ARG(id, name) id,
#include "args.def"
#undef ARG
	NARGS		/* how many there are */
};

/* The name of a, as the query and the JSON body spell it ("" for ARG_NONE). */
const char	*arg_name(enum arg a);

/*
 * One declared input. For IN_INT and IN_NUM, min and max bound the value;
 * for IN_STR they bound the length in characters (code points).
 */
struct input {
	enum arg	 arg;
	enum in_src	 src;
	enum in_type	 type;
	unsigned	 flags;
	double		 min, max;
};

/* The inputs of a paged list: page (1..max_page) and per_page (1..100). */
#define IN_PAGING(max_page) \
	{ ARG_PAGE, IN_QUERY, IN_INT, 0, 1, max_page }, \
	{ ARG_PER_PAGE, IN_QUERY, IN_INT, 0, 1, 100 }

#define ROUTE_CACHE	0x01	/* public GET: ETag, max-age, 304 */
#define ROUTE_BODY	0x02	/* takes a JSON object body */
#define ROUTE_DEBUG	0x04	/* only when debug_routes = 1 */
#define ROUTE_PERSONAL	0x08	/* with ROUTE_CACHE: a token adds the caller's own fields */
#define ROUTE_INTERNAL	0x10	/* only nginx's own subrequest: 404 to any client */
#define ROUTE_TOUCH	0x20	/* a 2xx answer touches the board (lib/board.h) before it leaves */

/* One row of the route table. */
struct route {
	const char		*method;	/* "GET", "POST", ... */
	const char		*pattern;	/* "/movies/{id}", without /api */
	route_handler		 handler;
	enum auth_level		 auth;
	const struct input	*inputs;	/* ends with ARG_NONE, or NULL */
	unsigned		 flags;
};

#define ROUTE_MAX_IDS	2	/* {id} segments in one pattern */

enum route_match {
	ROUTE_FOUND,		/* *idx is the row, ids[] its {id} values */
	ROUTE_NOT_FOUND,	/* no row has this path: 404 */
	ROUTE_BAD_METHOD,	/* the path exists, not with this method: 405 */
	ROUTE_OPTIONS,		/* OPTIONS of an existing path */
};

/*
 * Find the row of table (n rows) for method and path. "{id}" in a pattern
 * matches a positive decimal integer of at most 18 digits without leading
 * zeros; its value goes to ids[] in order. HEAD matches GET rows. OPTIONS
 * matches no row: it answers ROUTE_OPTIONS for any path that exists. On
 * ROUTE_BAD_METHOD and ROUTE_OPTIONS, allow receives the methods the path
 * answers, comma-separated, HEAD after GET and OPTIONS last ("GET, HEAD,
 * POST, OPTIONS"), and *idx the path's first row; otherwise allow is "".
 */
enum route_match route_lookup(const struct route *table, size_t n,
	    const char *method, const char *path, size_t *idx,
	    long long ids[ROUTE_MAX_IDS], char *allow, size_t allowlen);

#endif
