/* http.h: the request as the handlers see it, and the FastCGI accept loop (the only libfcgi user). */
#ifndef STREAMIFY_HTTP_H
#define STREAMIFY_HTTP_H

#include <signal.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "input.h"
#include "resp.h"
#include "board.h"
#include "route.h"
#include "uri.h"

struct db;
struct replica;

struct req {
	/* From the web server, valid for the request. */
	const char		*method;
	const char		*uri;		/* REQUEST_URI as sent */
	const char		*query_string;
	const char		*content_type;
	const char		*authorization;
	const char		*if_none_match;
	const char		*remote_addr;
	const char		*origin;	/* Origin header (a browser's cross-origin call) */
	char			**envp;		/* every FastCGI parameter */
	long long		 content_length;
	char			*body;		/* owned, NUL-terminated, body_len bytes */
	size_t			 body_len;
	char			 rid[65];	/* X-Request-Id, echoed or made */
	long long		 start_us;	/* when the request was accepted */
	/* Filled by the dispatcher before the handler runs. */
	char			 path[512];	/* without /api or /api/v1 */
	struct uri_query	 query;
	const struct route	*route;
	int			 route_index;	/* its row in the table, -1: none (metrics) */
	long long		 ids[ROUTE_MAX_IDS];
	cJSON			*json;		/* the body object, or NULL */
	struct in_value		 in[INPUT_MAX];
	struct db		*db;
	struct replica		*replica;	/* the worker's read replica, or NULL */
	long long		 user_id;	/* 0 = anonymous */
	int			 is_admin;
	long long		 session_id;	/* login the access token belongs to */
	struct versions		 versions;	/* see req_versions */
	int			 versions_read;
	long long		 versions_uid;	/* the user versions.user belongs to */
};

/* What the accept loop calls for each request. */
typedef void (*http_fn)(struct req *r, struct resp *w, void *ctx);

/*
 * Whether where (the setting "socket") is a TCP address, "HOST:PORT" or
 * ":PORT" (FastCGI between hosts), rather than a unix socket path.
 */
int		 http_is_tcp(const char *where);

/*
 * Open the listening socket: a unix socket at a path (replacing a stale
 * one, created mode 0600 for the caller to open up), or TCP at HOST:PORT.
 * Returns the descriptor or -1 (logged).
 */
int		 http_listen(const char *where, int backlog);

/*
 * Accept and answer requests on the listening socket fd until *stop is
 * set (a signal interrupts a waiting accept). For each request, reads the
 * parameters and at most max_body bytes of body (413 past it, without
 * calling fn), calls fn, writes the response, and frees everything of the
 * request before accepting the next. With allow not NULL (a TCP socket), a
 * connection whose peer address is not in that list (lib/addr.h) is closed
 * unanswered. Returns 0 on a clean stop, -1 when the socket failed.
 */
int		 http_serve(int fd, size_t max_body, const char *allow, http_fn fn, void *ctx,
		    volatile sig_atomic_t *stop);

/* Work done after an answer has gone out: fn(arg), which owns (and frees) arg. */
typedef void (*http_defer_fn)(void *arg);

#define HTTP_DEFER_MAX	4	/* deferred pieces of work one request may leave */

/*
 * Run fn(arg) once the answer of the request being served has been handed
 * to the web server (after FCGX_Finish_r) and before the next request is
 * accepted: for work the client need not wait for (a mail, a last-used
 * mark). The client's answer and its timing do not depend on it; the
 * worker is busy meanwhile, so fn must bound its own time. Returns 0, or
 * -1 when HTTP_DEFER_MAX are queued already (or no request is being
 * served): then fn is not called and arg stays the caller's.
 */
int		 http_defer(http_defer_fn fn, void *arg);

/* A FastCGI parameter of the request ("HTTP_X_ORIGINAL_URI"), or NULL. */
const char	*http_param(const struct req *r, const char *name);


#endif
