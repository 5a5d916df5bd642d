/* http.c: the FastCGI side of a request: read it, write the answer, accept the next. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "clock.h"
#include "addr.h"
#include "config.h"
#include "cors.h"
#include "http.h"
#include "log.h"
#include "metrics.h"

/* What the request being served left to do after its answer (http_defer). */
static struct deferred {
	http_defer_fn	 fn;
	void		*arg;
} deferred[HTTP_DEFER_MAX];
static size_t	 ndeferred;
static int	 serving;	/* a request is between accept and finish */

int
http_defer(http_defer_fn fn, void *arg)
{
	if (!serving || ndeferred >= HTTP_DEFER_MAX)
		return -1;
	deferred[ndeferred].fn = fn;
	deferred[ndeferred].arg = arg;
	ndeferred++;
	return 0;
}

/* Run what the last request deferred, in order, and forget it. */
static void
http_deferred_run(void)
{
	size_t	 i, n = ndeferred;

	ndeferred = 0;
	for (i = 0; i < n; i++)
		deferred[i].fn(deferred[i].arg);
}

int
http_is_tcp(const char *where)
{
	return where[0] != '/' && strchr(where, ':') != NULL;
}

int
http_listen(const char *path, int backlog)
{
	mode_t	 old;
	int	 fd;

	if (FCGX_Init() != 0) {
		log_error("http_listen: FCGX_Init failed");
		return -1;
	}
	if (http_is_tcp(path)) {
		if ((fd = FCGX_OpenSocket(path, backlog)) < 0)
			log_error("http_listen: cannot listen on %s: %s", path, strerror(errno));
		return fd;
	}
	(void)unlink(path);
	/* Nobody may connect before the owner sets the final mode. */
	old = umask(0177);
	fd = FCGX_OpenSocket(path, backlog);
	umask(old);
	if (fd < 0)
		log_error("http_listen: cannot listen on %s: %s", path, strerror(errno));
	return fd;
}

const char *
http_param(const struct req *r, const char *name)
{
	return r->envp ? FCGX_GetParam(name, r->envp) : NULL;
}

/* A request id: the client's when it is sane, else 16 random hex digits. */
static void
make_rid(char *rid, size_t len, const char *given)
{
	static uint64_t	 state;
	size_t		 i, n;

	if (given != NULL && (n = strlen(given)) > 0 && n < len && n <= 64) {
		for (i = 0; i < n; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._:-", given[i]))
				break;
		if (i == n) {
			memcpy(rid, given, n + 1);
			return;
		}
	}
	if (state == 0 && getrandom(&state, sizeof(state), 0) != sizeof(state))
		state = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	state |= 1;
	/* xorshift64*: unique enough to find a request in the logs. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	snprintf(rid, len, "%016llx", (unsigned long long)(state * 0x2545F4914F6CDD1DULL));
}

/* Whether the peer of a TCP connection is in allow (NULL: not TCP, anyone). */
static int
peer_allowed(int fd, const char *allow)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);
	char			 text[INET6_ADDRSTRLEN];
	const void		*a;

	if (allow == NULL)
		return 1;
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == -1)
		return 0;
	if (ss.ss_family == AF_INET)
		a = &((struct sockaddr_in *)&ss)->sin_addr;
	else if (ss.ss_family == AF_INET6)
		a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
	else
		return 1;	/* a unix socket: the file's mode decides */
	if (inet_ntop(ss.ss_family, a, text, sizeof(text)) == NULL)
		return 0;
	if (addr_allowed(allow, text))
		return 1;
	log_warn("http_serve: a connection from %s, outside socket_allow: closed", text);
	return 0;
}

/* Fill r from the FastCGI request. Returns 0, or an HTTP status to answer. */
static int
http_read(FCGX_Request *fr, struct req *r, size_t max_body)
{
	const char	*cl;
	char		*end;
	long long	 len;
	int		 got;
	size_t		 have = 0;

	r->envp = fr->envp;
	r->method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	r->uri = FCGX_GetParam("REQUEST_URI", fr->envp);
	r->query_string = FCGX_GetParam("QUERY_STRING", fr->envp);
	r->content_type = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	r->authorization = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp);
	r->if_none_match = FCGX_GetParam("HTTP_IF_NONE_MATCH", fr->envp);
	r->remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	r->origin = FCGX_GetParam("HTTP_ORIGIN", fr->envp);
	make_rid(r->rid, sizeof(r->rid), FCGX_GetParam("HTTP_X_REQUEST_ID", fr->envp));
	if (r->method == NULL)
		r->method = "GET";
	if (r->uri == NULL)
		r->uri = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	if (r->uri == NULL)
		r->uri = "/";
	if ((cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp)) == NULL || *cl == '\0')
		return 0;
	errno = 0;
	len = strtoll(cl, &end, 10);
	if (errno || *end != '\0' || len < 0)
		return 400;
	r->content_length = len;
	if ((size_t)len > max_body)
		return 413;
	if (len == 0)
		return 0;
	if ((r->body = malloc((size_t)len + 1)) == NULL)
		return 500;
	while (have < (size_t)len) {
		got = FCGX_GetStr(r->body + have, (int)((size_t)len - have), fr->in);
		if (got <= 0)
			break;
		have += (size_t)got;
	}
	r->body[have] = '\0';
	r->body_len = have;
	return have == (size_t)len ? 0 : 400;
}

/* Write status line, headers and body. */
static void
http_write(FCGX_Request *fr, const struct req *r, const struct resp *w)
{
	char	 h[2048];
	int	 n = 0, head = r->method && strcmp(r->method, "HEAD") == 0, cors;

#define ADD(...) do { if (n < (int)sizeof(h)) \
	n += snprintf(h + n, sizeof(h) - (size_t)n, __VA_ARGS__); } while (0)
	ADD("Status: %d %s\r\n", w->status, resp_reason(w->status));
	if (w->status != 204 && w->status != 304)
		ADD("Content-Type: %s\r\nContent-Length: %zu\r\n",
		    w->content_type ? w->content_type : "application/json; charset=utf-8",
		    w->body_len);
	ADD("X-Request-Id: %s\r\n", r->rid);
	switch (w->cache) {
	case CACHE_PUBLIC:
		ADD("Cache-Control: public, max-age=%d\r\n", w->max_age);
		/*
		 * How long nginx may answer it itself (0: never; nginx keeps the header to
		 * itself). Only a whole answer: a 304 to one client's If-None-Match must
		 * never be given to another (without the 0, nginx would go by max-age).
		 */
		ADD("X-Accel-Expires: %lld\r\n", w->status != 200 ? 0 :
		    config.edge_cache_ttl < w->max_age ? config.edge_cache_ttl : (long long)w->max_age);
		break;
	case CACHE_PRIVATE:
		ADD("Cache-Control: private, no-store\r\n");
		break;
	default:
		ADD("Cache-Control: no-store\r\n");
		break;
	}
	if (w->etag[0] != '\0')
		ADD("ETag: %s\r\n", w->etag);
	if (w->retry_after > 0)
		ADD("Retry-After: %d\r\n", w->retry_after);
	if (w->allow[0] != '\0')
		ADD("Allow: %s\r\n", w->allow);
	if (w->location[0] != '\0')
		ADD("Location: %s\r\n", w->location);
	if (w->www_error != NULL)
		ADD(w->www_error[0] ? "WWW-Authenticate: Bearer error=\"%s\"\r\n" :
		    "WWW-Authenticate: Bearer%s\r\n", w->www_error);
	/*
	 * Browsers: while any origin is allowed, every answer may differ by
	 * Origin; an allowed one may read this answer, its error included.
	 */
	cors = cors_enabled(config.cors_origins);
	if (cors || (w->vary & RESP_VARY_AUTHORIZATION))
		ADD("Vary: %s%s%s\r\n", cors ? "Origin" : "",
		    cors && (w->vary & RESP_VARY_AUTHORIZATION) ? ", " : "",
		    w->vary & RESP_VARY_AUTHORIZATION ? "Authorization" : "");
	if (cors && cors_allowed(config.cors_origins, r->origin)) {
		ADD("Access-Control-Allow-Origin: %s\r\n", r->origin);
		if (w->preflight[0] != '\0')
			ADD("Access-Control-Allow-Methods: %s\r\n"
			    "Access-Control-Allow-Headers: " CORS_ALLOW_HEADERS "\r\n"
			    "Access-Control-Max-Age: %lld\r\n", w->preflight, config.cors_max_age);
		else
			ADD("Access-Control-Expose-Headers: " CORS_EXPOSE_HEADERS "\r\n");
	}
	ADD("\r\n");
#undef ADD
	if (n >= (int)sizeof(h))
		n = (int)sizeof(h) - 1;
	FCGX_PutStr(h, n, fr->out);
	if (!head && w->body != NULL && w->status != 204 && w->status != 304)
		FCGX_PutStr(w->body, (int)w->body_len, fr->out);
}

int
http_serve(int fd, size_t max_body, const char *allow, http_fn fn, void *ctx,
    volatile sig_atomic_t *stop)
{
	FCGX_Request	 fr;
	struct req	 r;
	struct resp	 w;
	int		 status;

	memset(&w, 0, sizeof(w));
	if (FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("http_serve: FCGX_InitRequest failed");
		return -1;
	}
	while (!*stop) {
		if (FCGX_Accept_r(&fr) < 0) {
			if (*stop || errno == EINTR)
				continue;
			log_error("http_serve: accept failed: %s", strerror(errno));
			FCGX_Free(&fr, 1);
			return -1;
		}
		if (!peer_allowed(fr.ipcFd, allow)) {
			FCGX_Finish_r(&fr);
			continue;
		}
		memset(&r, 0, sizeof(r));
		serving = 1;
		r.start_us = clock_us();
		r.route_index = -1;
		metrics_request_begin();
		resp_reset(&w);
		status = http_read(&fr, &r, max_body);
		log_set_request(r.rid);
		if (status != 0) {
			resp_error(&w, status, NULL, NULL);
			log_request(r.rid, r.method, "-", status, clock_us() - r.start_us, 0, 0);
		} else
			fn(&r, &w, ctx);
		http_write(&fr, &r, &w);
		/* Before FCGX_Finish_r: r's strings live in the request's parameters. */
		metrics_request_end(r.route_index, r.method, w.status, clock_us() - r.start_us);
		log_set_request(NULL);
		FCGX_Finish_r(&fr);
		serving = 0;
		/* The answer is out: what the request left for later runs now, under its id. */
		log_set_request(r.rid);
		http_deferred_run();
		log_set_request(NULL);
		/* Everything of this request goes before the next accept. */
		free(r.body);
		resp_reset(&w);
	}
	resp_reset(&w);
	free(w.body);
	FCGX_Free(&fr, 1);
	return 0;
}
