/* test-web-http.c: what browsers meet over HTTP: CORS, gzip, Vary, security headers, nginx's own errors. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"
#include "tap.h"

static char	allowed[128];	/* the origin ./dev test allows (its browser tests' page) */
static const char *denied = "http://evil.example:8080";

/* Whether the comma-separated header value list has item (case-insensitive). */
static int
has_item(const char *list, const char *item)
{
	size_t		 n = strlen(item);
	const char	*p = list;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncasecmp(p, item, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/* A request with an Origin header (and up to two more header lines). */
static struct api_resp *
from(const char *origin, const char *method, const char *path, const char *token,
    const char *body, const char *h1, const char *h2)
{
	char		 o[256];
	const char	*hdr[4] = { o, h1, h2, NULL };

	snprintf(o, sizeof(o), "Origin: %s", origin);
	if (h1 == NULL)
		hdr[1] = NULL;
	return api_req(method, path, token, body, hdr);
}

/* The answer carries the CORS headers of an actual (non-preflight) answer to allowed. */
static void
is_cors_answer(const struct api_resp *r, const char *name)
{
	char	 h[512];

	is_str(api_header(r, "Access-Control-Allow-Origin", h, sizeof(h)), allowed,
	    "%s: Access-Control-Allow-Origin is the origin", name);
	ok(api_header_all(r, "Vary", h, sizeof(h)) && has_item(h, "Origin"),
	    "%s: Vary names Origin", name);
	ok(api_header(r, "Access-Control-Expose-Headers", h, sizeof(h)) &&
	    has_item(h, "ETag") && has_item(h, "X-Request-Id") && has_item(h, "Retry-After") &&
	    has_item(h, "Location"), "%s: Expose-Headers has ETag, X-Request-Id, Retry-After, Location",
	    name);
	ok(api_header(r, "Access-Control-Allow-Credentials", h, sizeof(h)) == NULL,
	    "%s: no Allow-Credentials", name);
}

static void
test_preflight(void)
{
	struct api_resp	*r;
	char		 h[512];
	const char	*acrm = "Access-Control-Request-Method: POST";
	const char	*acrh = "Access-Control-Request-Headers: authorization, content-type";

	r = from(allowed, "OPTIONS", "/api/watchlist/5", NULL, NULL, acrm, acrh);
	is_int(r->status, 204, "preflight from the allowed origin: 204");
	is_str(api_header(r, "Access-Control-Allow-Origin", h, sizeof(h)), allowed,
	    "preflight: Allow-Origin is the origin itself");
	ok(api_header(r, "Access-Control-Allow-Methods", h, sizeof(h)) && has_item(h, "POST") &&
	    has_item(h, "DELETE") && !has_item(h, "GET"),
	    "preflight: Allow-Methods are the route's (%s)", h);
	ok(api_header(r, "Access-Control-Allow-Headers", h, sizeof(h)) &&
	    has_item(h, "Authorization") && has_item(h, "Content-Type") &&
	    has_item(h, "If-None-Match") && has_item(h, "Idempotency-Key") &&
	    has_item(h, "X-Request-Id"), "preflight: Allow-Headers has the five");
	ok(api_header(r, "Access-Control-Max-Age", h, sizeof(h)) && atoi(h) > 0,
	    "preflight: Max-Age is positive");
	ok(api_header_all(r, "Vary", h, sizeof(h)) && has_item(h, "Origin"),
	    "preflight: Vary names Origin");
	ok(api_header(r, "Access-Control-Allow-Credentials", h, sizeof(h)) == NULL,
	    "preflight: never Allow-Credentials");
	is_str(api_header(r, "Allow", h, sizeof(h)), "POST, DELETE, OPTIONS",
	    "preflight: Allow lists the methods and OPTIONS");
	is_int((long long)r->len, 0, "preflight: no body");
	api_free(r);

	r = from(allowed, "OPTIONS", "/api/v1/movies/1", NULL, NULL,
	    "Access-Control-Request-Method: GET", NULL);
	is_int(r->status, 204, "preflight under /api/v1: 204");
	is_str(api_header(r, "Access-Control-Allow-Methods", h, sizeof(h)), "GET, HEAD, OPTIONS",
	    "preflight of a GET route: GET, HEAD, OPTIONS");
	api_free(r);

	r = from(denied, "OPTIONS", "/api/watchlist/5", NULL, NULL, acrm, acrh);
	is_int(r->status, 204, "preflight from another origin: still 204");
	is_int(api_header_prefix(r, "Access-Control-"), 0,
	    "preflight from an origin not allowed: no Access-Control-* header at all");
	api_free(r);

	r = from("null", "OPTIONS", "/api/watchlist/5", NULL, NULL, acrm, NULL);
	is_int(api_header_prefix(r, "Access-Control-"), 0, "Origin: null is never allowed");
	api_free(r);

	r = from(allowed, "OPTIONS", "/api/no/such/route", NULL, NULL, acrm, NULL);
	is_error(r, 404, "not_found", "preflight of a path that does not exist");
	api_free(r);

	r = api_req("OPTIONS", "/api/movies", NULL, NULL, NULL);
	is_int(r->status, 204, "plain OPTIONS: 204");
	is_str(api_header(r, "Allow", h, sizeof(h)), "GET, HEAD, OPTIONS", "plain OPTIONS: Allow");
	ok(api_header(r, "Access-Control-Allow-Methods", h, sizeof(h)) == NULL,
	    "plain OPTIONS without Origin: no CORS headers");
	api_free(r);
}

static void
test_actual(void)
{
	struct api_resp	*a, *d;
	char		 h[512], *token;
	const char	*pages[] = { "/api/movies?per_page=3", "/api/movies/1", "/api/genres", NULL };
	int		 i;

	for (i = 0; pages[i] != NULL; i++) {
		a = from(allowed, "GET", pages[i], NULL, NULL, NULL, NULL);
		d = from(denied, "GET", pages[i], NULL, NULL, NULL, NULL);
		is_int(a->status, 200, "GET %s from the allowed origin: 200", pages[i]);
		is_cors_answer(a, pages[i]);
		is_int(api_header_prefix(d, "Access-Control-"), 0,
		    "GET %s from another origin: no Access-Control-* header", pages[i]);
		ok(a->len == d->len && memcmp(a->body, d->body, a->len) == 0,
		    "GET %s: the same body for either origin", pages[i]);
		api_free(a);
		api_free(d);
	}

	/* Errors, whoever makes them, are readable by the allowed origin. */
	a = from(allowed, "GET", "/api/movies/999999999", NULL, NULL, NULL, NULL);
	is_error(a, 404, "not_found", "worker 404 to the allowed origin");
	is_cors_answer(a, "worker 404");
	api_free(a);
	a = from(allowed, "GET", "/api/movies?page=0", NULL, NULL, NULL, NULL);
	is_error(a, 400, "bad_request", "worker 400 to the allowed origin");
	is_cors_answer(a, "worker 400");
	api_free(a);
	a = from(allowed, "GET", "/api/profile", NULL, NULL, NULL, NULL);
	is_error(a, 401, "unauthorized", "401 to the allowed origin");
	is_cors_answer(a, "401");
	ok(api_header(a, "Allow", h, sizeof(h)) == NULL, "401 carries no Allow");
	api_free(a);
	a = from(allowed, "DELETE", "/api/watchlist/5", NULL, NULL, NULL, NULL);
	is_int(a->status, 401, "DELETE /watchlist/5 without a token: 401");
	ok(api_header(a, "Allow", h, sizeof(h)) == NULL,
	    "401 of the second method of a path carries no Allow");
	api_free(a);
	if ((token = api_new_user("cors", NULL)) != NULL) {
		token = strdup(token);
		a = from(allowed, "DELETE", "/api/admin/movies/1", token, NULL, NULL, NULL);
		is_error(a, 403, "forbidden", "403 to the allowed origin");
		is_cors_answer(a, "403");
		ok(api_header(a, "Allow", h, sizeof(h)) == NULL, "403 carries no Allow");
		api_free(a);
		/* A signed-in call from the other origin works as for anyone: the browser decides. */
		a = from(allowed, "GET", "/api/profile", token, NULL, NULL, NULL);
		is_int(a->status, 200, "signed-in GET /profile from the allowed origin: 200");
		is_cors_answer(a, "signed-in profile");
		api_free(a);
		free(token);
	} else
		ok(0, "a user to ask with a token");
	a = from(allowed, "PUT", "/api/health", NULL, NULL, NULL, NULL);
	is_error(a, 405, "method_not_allowed", "405 to the allowed origin");
	is_str(api_header(a, "Allow", h, sizeof(h)), "GET, HEAD, OPTIONS",
	    "405: Allow lists HEAD beside GET, and OPTIONS");
	is_cors_answer(a, "405");
	api_free(a);
}

/* nginx's own error answers: JSON envelope, CORS for the allowed origin, request id. */
static void
test_nginx_errors(void)
{
	struct api_resp	*r;
	char		*big, h[512];
	size_t		 n = 70 * 1024;
	int		 i, got429 = 0;

	big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	r = from(allowed, "POST", "/api/login", NULL, big, NULL, NULL);
	is_error(r, 413, "payload_too_large", "nginx 413");
	is_cors_answer(r, "nginx 413");
	ok(api_header(r, "X-Request-Id", h, sizeof(h)) != NULL, "nginx 413 carries X-Request-Id");
	api_free(r);
	r = from(allowed, "PUT", "/api/v1/ratings/1", NULL, big, NULL, NULL);
	is_error(r, 413, "payload_too_large", "nginx 413 on a write of any route");
	is_cors_answer(r, "nginx 413 (write)");
	api_free(r);
	free(big);

	r = from(allowed, "TRACE", "/api/health", NULL, NULL, "X-Request-Id: trace-1", NULL);
	is_error(r, 405, "method_not_allowed", "TRACE: nginx 405 as JSON");
	is_cors_answer(r, "nginx 405");
	is_str(api_header(r, "X-Request-Id", h, sizeof(h)), "trace-1",
	    "nginx's own answer echoes a sane X-Request-Id");
	api_free(r);

	big = malloc(9000);
	memcpy(big, "/api/movies?q=", 14);
	memset(big + 14, 'a', 9000 - 15);
	big[8999] = '\0';
	r = from(allowed, "GET", big, NULL, NULL, NULL, NULL);
	is_error(r, 414, "uri_too_long", "a URI over the limit: 414 as JSON");
	api_free(r);
	memcpy(big, "X-Big: ", 7);
	memset(big + 7, 'b', 9000 - 8);
	r = from(allowed, "GET", "/api/movies", NULL, NULL, big, NULL);
	is_error(r, 431, "headers_too_large", "headers over the limit: 431 as JSON");
	is_cors_answer(r, "nginx 431");
	api_free(r);
	free(big);

	r = api_get("/api/movies/%00", NULL);
	is_error(r, 400, "bad_request", "%%00 in the path: 400 as JSON");
	api_free(r);
	r = api_get("/api/../../etc/passwd", NULL);
	ok(r->status == 400 || r->status == 404, "dot segments above the root: 400 or 404 (%ld)",
	    r->status);
	ok(jstr(r->json, "error") != NULL, "dot segments above the root: a JSON error");
	api_free(r);

	/* The login rate limit (10/s, burst 20): the 429 is nginx's. */
	for (i = 0; i < 40 && !got429; i++) {
		r = from(allowed, "POST", "/api/token/refresh", NULL, "{}", NULL, NULL);
		if (r->status == 429) {
			got429 = 1;
			is_error(r, 429, "rate_limited", "nginx 429");
			is_cors_answer(r, "nginx 429");
			ok(api_header(r, "Retry-After", h, sizeof(h)) != NULL, "nginx 429: Retry-After");
		}
		api_free(r);
	}
	if (!got429)
		ok(0, "40 refreshes at once met the rate limit");
	sleep(3);	/* let the limit drain for the tests after this one */
}

/* A raw request line that nginx cannot parse. */
static void
test_bad_request_line(void)
{
	struct sockaddr_in	 sa;
	char			 buf[4096];
	const char		*port = strrchr(api_base(), ':');
	ssize_t			 n, got = 0;
	int			 fd;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(port + 1));
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		ok(0, "connect to nginx");
		return;
	}
	(void)write(fd, "GARBAGE\r\n\r\n", 11);
	while (got < (ssize_t)sizeof(buf) - 1 && (n = read(fd, buf + got,
	    sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	buf[got > 0 ? got : 0] = '\0';
	close(fd);
	ok(strncmp(buf, "HTTP/1.1 400", 12) == 0, "a malformed request line: 400");
	ok(strstr(buf, "Content-Type: application/json") != NULL &&
	    strstr(buf, "\"error\":\"bad_request\"") != NULL, "a malformed request line: JSON envelope");
}

static void
test_gzip_and_etag(void)
{
	struct api_resp	*plain, *gz, *r;
	const char	*gzh[] = { "Accept-Encoding: gzip", NULL };
	char		 h[512], etag[64], weak[80], inm[128];
	const char	*inmh[] = { inm, NULL }, *inmgz[] = { inm, "Accept-Encoding: gzip", NULL };

	plain = api_get("/api/movies?per_page=20", NULL);
	gz = api_req("GET", "/api/movies?per_page=20", NULL, NULL, gzh);
	is_int(plain->status, 200, "a page of movies: 200");
	ok(plain->len > 1024, "a page of movies is over 1 KB (%zu)", plain->len);
	ok(api_header(plain, "Content-Encoding", h, sizeof(h)) == NULL,
	    "without Accept-Encoding: not compressed");
	is_str(api_header(gz, "Content-Encoding", h, sizeof(h)), "gzip",
	    "with Accept-Encoding: gzip: Content-Encoding gzip");
	ok(api_header_all(gz, "Vary", h, sizeof(h)) && has_item(h, "Accept-Encoding"),
	    "gzip answer: Vary names Accept-Encoding");
	ok(gz->len == plain->len && memcmp(gz->body, plain->body, plain->len) == 0,
	    "the decoded gzip body is the plain body");
	api_header(plain, "ETag", etag, sizeof(etag));
	snprintf(weak, sizeof(weak), "W/%s", etag);
	is_str(api_header(gz, "ETag", h, sizeof(h)), weak,
	    "the gzip answer's ETag is the weak form of the plain one");
	snprintf(inm, sizeof(inm), "If-None-Match: %s", weak);
	r = api_req("GET", "/api/movies?per_page=20", NULL, NULL, inmgz);
	is_int(r->status, 304, "If-None-Match with the weak ETag, gzip: 304");
	api_free(r);
	r = api_req("GET", "/api/movies?per_page=20", NULL, NULL, inmh);
	is_int(r->status, 304, "If-None-Match with the weak ETag, plain: 304");
	api_free(r);
	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	r = api_req("GET", "/api/movies?per_page=20", NULL, NULL, inmgz);
	is_int(r->status, 304, "If-None-Match with the strong ETag, gzip: 304");
	api_free(r);
	api_free(plain);
	api_free(gz);

	r = api_req("GET", "/api/health", NULL, NULL, gzh);
	ok(r->len < 1024 && api_header(r, "Content-Encoding", h, sizeof(h)) == NULL,
	    "an answer under 1 KB is not compressed");
	api_free(r);
}

static void
test_vary_and_security(void)
{
	struct api_resp	*r;
	char		 h[1024];

	r = api_get("/api/movies/1", NULL);
	ok(api_header_all(r, "Vary", h, sizeof(h)) && has_item(h, "Authorization"),
	    "movie detail (user_state with a token): Vary names Authorization");
	ok(has_item(h, "Origin"), "movie detail: Vary names Origin too (CORS is on)");
	api_free(r);
	r = api_get("/api/profile", NULL);
	ok(api_header_all(r, "Vary", h, sizeof(h)) && has_item(h, "Authorization"),
	    "a route about the caller: Vary names Authorization");
	api_free(r);
	r = api_get("/api/movies?per_page=2", NULL);
	ok(!api_header_all(r, "Vary", h, sizeof(h)) || !has_item(h, "Authorization"),
	    "a list that is the same for everyone: no Vary: Authorization");
	is_str(api_header(r, "X-Content-Type-Options", h, sizeof(h)), "nosniff",
	    "API answer: X-Content-Type-Options nosniff");
	ok(api_header(r, "Referrer-Policy", h, sizeof(h)) != NULL, "API answer: Referrer-Policy");
	api_free(r);

	r = api_get("/", NULL);
	is_int(r->status, 200, "the page: 200");
	ok(api_header(r, "Content-Type", h, sizeof(h)) && strncmp(h, "text/html", 9) == 0,
	    "the page is HTML");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "no-cache",
	    "index.html is asked for again each time");
	ok(api_header(r, "Content-Security-Policy", h, sizeof(h)) != NULL &&
	    strstr(h, "script-src 'self'") && strstr(h, "style-src 'self'") &&
	    strstr(h, "frame-ancestors 'none'") && !strstr(h, "unsafe-inline") &&
	    !strstr(h, "unsafe-eval"), "the page: a strict Content-Security-Policy");
	is_str(api_header(r, "X-Content-Type-Options", h, sizeof(h)), "nosniff",
	    "the page: nosniff");
	ok(api_header(r, "Referrer-Policy", h, sizeof(h)) != NULL, "the page: Referrer-Policy");
	ok(strstr(r->body, "<script>") == NULL && strstr(r->body, " onload=") == NULL &&
	    strstr(r->body, " onclick=") == NULL, "the page has no inline script");
	ok(strstr(r->body, "href=\"/api/openapi.yaml\"") != NULL,
	    "the page links to the API description");
	{
		char	 asset[256] = "";
		char	*p = strstr(r->body, "/assets/"), *q;

		if (p != NULL && (q = strchr(p, '"')) != NULL && (size_t)(q - p) < sizeof(asset))
			snprintf(asset, sizeof(asset), "%.*s", (int)(q - p), p);
		api_free(r);
		ok(asset[0] != '\0', "index.html names a versioned asset (%s)", asset);
		r = api_get(asset, NULL);
		is_int(r->status, 200, "the asset: 200");
		ok(api_header(r, "Cache-Control", h, sizeof(h)) && strstr(h, "max-age=") &&
		    atol(strstr(h, "max-age=") + 8) >= 31536000, "the asset is kept a year or more");
	}
	api_free(r);

	r = api_get("/movie/862", NULL);
	is_int(r->status, 200, "a view's path (/movie/862): 200");
	ok(strstr(r->body, "/assets/") != NULL, "a view's path answers index.html");
	api_free(r);
	r = api_get("/browse?genre=Comedy&page=2", NULL);
	is_int(r->status, 200, "/browse with a query: 200 (index.html)");
	api_free(r);
}

static void
test_openapi(void)
{
	struct api_resp	*r, *v1;
	char		 h[256], path[1024];
	const char	*src = getenv("STREAMIFY_TEST_SRCDIR");
	FILE		*f;
	char		*file = NULL;
	long		 len = 0;

	r = api_get("/api/openapi.yaml", NULL);
	v1 = api_get("/api/v1/openapi.yaml", NULL);
	is_int(r->status, 200, "/api/openapi.yaml: 200");
	is_int(v1->status, 200, "/api/v1/openapi.yaml: 200");
	ok(api_header(r, "Content-Type", h, sizeof(h)) && strstr(h, "yaml") != NULL,
	    "the description is YAML (%s)", h);
	snprintf(path, sizeof(path), "%s/docs/openapi.yaml", src ? src : ".");
	if ((f = fopen(path, "r")) != NULL) {
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		file = malloc((size_t)len + 1);
		len = (long)fread(file, 1, (size_t)len, f);
		fclose(f);
	}
	ok(file != NULL && (long)r->len == len && memcmp(r->body, file, (size_t)len) == 0,
	    "it is docs/openapi.yaml byte for byte");
	ok(v1->len == r->len, "the same under /api/v1");
	free(file);
	api_free(r);
	api_free(v1);
}

static void
test_media_auth_internal(void)
{
	const char	*paths[] = { "/api/media-auth", "/api/v1/media-auth", "/api/media-auth/",
	    "/api/v1/media-auth/", NULL };
	const char	*hdr[] = { "X-Original-URI: /media/sample.mp4", NULL };
	struct api_resp	*r;
	int		 i;

	for (i = 0; paths[i] != NULL; i++) {
		r = api_req("GET", paths[i], NULL, NULL, hdr);
		is_error(r, 404, "not_found", paths[i]);
		api_free(r);
	}
	r = api_req("OPTIONS", "/api/v1/media-auth", NULL, NULL, NULL);
	is_int(r->status, 404, "OPTIONS of media-auth: 404");
	api_free(r);
}

int
main(void)
{
	const char	*port;

	api_init();
	if ((port = getenv("STREAMIFY_TEST_WEB_ORIGIN_PORT")) == NULL)
		skip_all("no allowed origin from ./dev test");
	snprintf(allowed, sizeof(allowed), "http://127.0.0.1:%s", port);
	test_preflight();
	test_actual();
	test_gzip_and_etag();
	test_vary_and_security();
	test_openapi();
	test_media_auth_internal();
	test_bad_request_line();
	test_nginx_errors();
	return done_testing();
}
