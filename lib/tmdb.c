/* tmdb.c: a client of the TMDB API v3 (libcurl): bounded, retried, verified GETs of JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "config.h"
#include "crypto.h"
#include "log.h"
#include "tmdb.h"

#define TMDB_BACKOFF_MS		500	/* first wait after a 5xx; doubles each time */
#define TMDB_MAX_RETRY_AFTER	60	/* seconds we wait at most for one 429 */
#define TMDB_CONNECT_TIMEOUT	10	/* seconds, at most */

struct tmdb {
	CURL		*curl;
	char		*key;		/* URL-escaped api_key, or NULL with a bearer token */
	struct curl_slist *headers;	/* Accept, and Authorization for a v4 token */
	unsigned long	 requests;
};

/* The body of one response, bounded. */
struct body {
	char		*buf;
	size_t		 len;
	size_t		 max;
	int		 too_big;
};

/* The Retry-After of one response, in seconds (-1 = none). */
struct hdrs {
	long		 retry_after;
};

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct body	*b = arg;
	size_t		 len = size * n;
	char		*p;

	if (b->len + len > b->max) {
		b->too_big = 1;
		return 0;	/* aborts the transfer */
	}
	if ((p = realloc(b->buf, b->len + len + 1)) == NULL)
		return 0;
	b->buf = p;
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
	return len;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct hdrs	*h = arg;
	size_t		 len = size * n;
	char		 line[128];

	if (len < sizeof(line) && len > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
		memcpy(line, data + 12, len - 12);
		line[len - 12] = '\0';
		h->retry_after = strtol(line, NULL, 10);
		if (h->retry_after < 0)
			h->retry_after = 0;
	}
	return len;
}

static void
sleep_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1)
		;
}

struct tmdb *
tmdb_new(void)
{
	static int	 inited;
	struct tmdb	*t;
	char		*esc, auth[600];
	int		 bearer;

	if (config.tmdb_api_key[0] == '\0') {
		fprintf(stderr, "streamify-import: no TMDB API key: set tmdb_api_key or "
		    "TMDB_API_KEY\n");
		return NULL;
	}
	if (!inited && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "streamify-import: libcurl failed to start\n");
		return NULL;
	}
	inited = 1;
	if ((t = calloc(1, sizeof(*t))) == NULL || (t->curl = curl_easy_init()) == NULL)
		goto fail;
	/* A v4 read access token (a JWT) goes in a header; a v3 key in the query. */
	bearer = strncmp(config.tmdb_api_key, "eyJ", 3) == 0;
	t->headers = curl_slist_append(NULL, "Accept: application/json");
	if (t->headers == NULL)
		goto fail;
	if (bearer) {
		struct curl_slist	*h;

		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", config.tmdb_api_key);
		h = curl_slist_append(t->headers, auth);
		memset(auth, 0, sizeof(auth));
		if (h == NULL)
			goto fail;
		t->headers = h;
	} else {
		if ((esc = curl_easy_escape(t->curl, config.tmdb_api_key, 0)) == NULL)
			goto fail;
		t->key = strdup(esc);
		curl_free(esc);
		if (t->key == NULL)
			goto fail;
	}
	return t;
fail:
	fprintf(stderr, "streamify-import: cannot set up the TMDB client\n");
	tmdb_free(t);
	return NULL;
}

void
tmdb_free(struct tmdb *t)
{
	if (t == NULL)
		return;
	if (t->curl != NULL)
		curl_easy_cleanup(t->curl);
	curl_slist_free_all(t->headers);
	if (t->key != NULL) {
		crypto_wipe(t->key, strlen(t->key));
		free(t->key);
	}
	free(t);
}

unsigned long
tmdb_requests(const struct tmdb *t)
{
	return t->requests;
}

int
tmdb_get(struct tmdb *t, const char *path, const char *query, cJSON **out, char *err,
    size_t errlen)
{
	struct body	 b = { NULL, 0, (size_t)config.tmdb_max_response, 0 };
	struct hdrs	 h;
	CURLcode	 cc;
	char		*url = NULL;
	size_t		 urllen;
	long		 status = 0, wait_ms, backoff = TMDB_BACKOFF_MS;
	int		 attempt, rc = TMDB_ERR_INTERNAL;

	*out = NULL;
	snprintf(err, errlen, "no attempt made");
	urllen = strlen(config.tmdb_base_url) + strlen(path) + (query ? strlen(query) : 0) +
	    (t->key ? strlen(t->key) : 0) + 32;
	if ((url = malloc(urllen)) == NULL)
		goto out;
	snprintf(url, urllen, "%s%s%s%s%s%s%s", config.tmdb_base_url, path,
	    t->key || query ? "?" : "", t->key ? "api_key=" : "", t->key ? t->key : "",
	    t->key && query ? "&" : "", query ? query : "");

	for (attempt = 1; attempt <= TMDB_ATTEMPTS; attempt++) {
		free(b.buf);
		b.buf = NULL;
		b.len = 0;
		b.too_big = 0;
		h.retry_after = -1;
		curl_easy_reset(t->curl);
		curl_easy_setopt(t->curl, CURLOPT_URL, url);
		curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, t->headers);
#if LIBCURL_VERSION_NUM >= 0x075500	/* 7.85.0 deprecated the bit mask */
		curl_easy_setopt(t->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
		curl_easy_setopt(t->curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
		curl_easy_setopt(t->curl, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(t->curl, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(t->curl, CURLOPT_SSL_VERIFYHOST, 2L);
		curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(t->curl, CURLOPT_CONNECTTIMEOUT,
		    config.tmdb_timeout < TMDB_CONNECT_TIMEOUT ? (long)config.tmdb_timeout :
		    (long)TMDB_CONNECT_TIMEOUT);
		curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, (long)config.tmdb_timeout);
		curl_easy_setopt(t->curl, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)config.tmdb_max_response);
		curl_easy_setopt(t->curl, CURLOPT_USERAGENT, "streamify-import/" PACKAGE_VERSION);
		curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(t->curl, CURLOPT_WRITEDATA, &b);
		curl_easy_setopt(t->curl, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(t->curl, CURLOPT_HEADERDATA, &h);
		t->requests++;
		cc = curl_easy_perform(t->curl);
		status = 0;
		curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
		if (b.too_big || cc == CURLE_FILESIZE_EXCEEDED) {
			snprintf(err, errlen, "GET %s: the response is over %lld bytes", path,
			    config.tmdb_max_response);
			rc = TMDB_ERR_TOO_BIG;
			goto out;
		}
		if (cc != CURLE_OK) {
			snprintf(err, errlen, "GET %s: %s", path, curl_easy_strerror(cc));
			rc = TMDB_ERR_NETWORK;
			wait_ms = backoff;
			backoff *= 2;
		} else if (status == 429) {
			snprintf(err, errlen, "GET %s: 429 Too Many Requests", path);
			rc = TMDB_ERR_HTTP;
			wait_ms = h.retry_after < 0 ? 1000 : (h.retry_after >
			    TMDB_MAX_RETRY_AFTER ? TMDB_MAX_RETRY_AFTER : h.retry_after) * 1000;
		} else if (status >= 500) {
			snprintf(err, errlen, "GET %s: HTTP %ld", path, status);
			rc = TMDB_ERR_HTTP;
			wait_ms = backoff;
			backoff *= 2;
		} else
			break;
		if (attempt < TMDB_ATTEMPTS) {
			log_warn("tmdb_get: %s; retrying in %ld ms", err, wait_ms);
			sleep_ms(wait_ms);
		}
	}
	if (attempt > TMDB_ATTEMPTS)
		goto out;
	if (status == 404) {
		snprintf(err, errlen, "GET %s: 404 not found", path);
		rc = TMDB_ERR_NOTFOUND;
		goto out;
	}
	if (status == 401) {
		snprintf(err, errlen, "GET %s: 401: the API key was refused", path);
		rc = TMDB_ERR_AUTH;
		goto out;
	}
	if (status != 200) {
		snprintf(err, errlen, "GET %s: HTTP %ld", path, status);
		rc = TMDB_ERR_HTTP;
		goto out;
	}
	if (b.buf == NULL || (*out = cJSON_ParseWithLength(b.buf, b.len)) == NULL ||
	    !cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		snprintf(err, errlen, "GET %s: the response is not a JSON object", path);
		rc = TMDB_ERR_MALFORMED;
		goto out;
	}
	err[0] = '\0';
	rc = TMDB_OK;
out:
	free(b.buf);
	if (url != NULL) {
		crypto_wipe(url, strlen(url));	/* it carries the key */
		free(url);
	}
	return rc;
}
