/* client.c: an HTTP client for the API tests (libcurl + cJSON), and direct database checks. */
#define _GNU_SOURCE	/* asprintf */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <mysql.h>

#include "client.h"
#include "tap.h"

static const char	*base;
static CURL		*curl;
static long long	 external_us;	/* when this test last wrote around the API */
static char		 source[64];	/* the local address to send from, "" = any */

struct buf {
	char	*p;
	size_t	 len;
};

static size_t
on_data(char *ptr, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	char		*p;

	if ((p = realloc(b->p, b->len + size * n + 1)) == NULL)
		return 0;
	memcpy(p + b->len, ptr, size * n);
	b->len += size * n;
	p[b->len] = '\0';
	b->p = p;
	return size * n;
}

void
api_init(void)
{
	if ((base = getenv("STREAMIFY_TEST_URL")) == NULL || *base == '\0')
		skip_all("STREAMIFY_TEST_URL is not set: run through ./dev test");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((curl = curl_easy_init()) == NULL)
		bail("curl_easy_init failed");
	setvbuf(stdout, NULL, _IOLBF, 0);
}

const char *
api_base(void)
{
	return base;
}

void
api_set_source(const char *addr)
{
	snprintf(source, sizeof(source), "%s", addr != NULL ? addr : "");
}

static long long
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
api_external_write(void)
{
	external_us = mono_us();
}

/*
 * The workers trust the catalog and login versions they read for
 * version_check_ms (lib/board.c), so a write made around the API (SQL, a
 * batch, the importer) shows once that much time has passed: wait for it.
 */
static void
external_settle(void)
{
	const char	*e = getenv("STREAMIFY_TEST_VERSION_CHECK_MS");
	long long	 ms = e != NULL ? strtoll(e, NULL, 10) : 100, left;

	if (external_us == 0)
		return;
	left = external_us + (ms + 20) * 1000 - mono_us();
	if (left > 0)
		usleep((useconds_t)left);
	external_us = 0;
}

struct api_resp *
api_req(const char *method, const char *path, const char *token, const char *body,
    const char *const *headers)
{
	struct api_resp		*r;
	struct curl_slist	*hl = NULL;
	struct buf		 b = { NULL, 0 }, h = { NULL, 0 };
	char			*url, line[8192];
	int			 has_ct = 0;
	size_t			 i;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		bail("out of memory");
	external_settle();
	if (asprintf(&url, "%s%s", base, path) == -1)
		bail("out of memory");
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* The path goes as written: no dot segments squeezed out by the client. */
	curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	if (source[0] != '\0') {
		snprintf(line, sizeof(line), "host!%s", source);
		curl_easy_setopt(curl, CURLOPT_INTERFACE, line);
	}
	for (i = 0; headers != NULL && headers[i] != NULL; i++) {
		/* libcurl sends it and decodes the answer; Content-Encoding stays visible. */
		if (strncasecmp(headers[i], "Accept-Encoding:", 16) == 0) {
			const char	*v = headers[i] + 16;

			while (*v == ' ')
				v++;
			curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, v);
			continue;
		}
		hl = curl_slist_append(hl, headers[i]);
		if (strncasecmp(headers[i], "Content-Type:", 13) == 0)
			has_ct = 1;
	}
	if (token != NULL) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", token);
		hl = curl_slist_append(hl, line);
	}
	if (body != NULL) {
		if (!has_ct)
			hl = curl_slist_append(hl, "Content-Type: application/json");
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hl);
	if (curl_easy_perform(curl) == CURLE_OK) {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &r->seconds);
	}
	curl_slist_free_all(hl);
	free(url);
	r->body = b.p ? b.p : strdup("");
	r->len = b.len;
	r->headers = h.p ? h.p : strdup("");
	r->json = cJSON_Parse(r->body);
	return r;
}

struct api_resp *
api_get(const char *path, const char *token)
{
	return api_req("GET", path, token, NULL, NULL);
}

struct api_resp *
api_send(const char *method, const char *path, const char *token, const char *body)
{
	return api_req(method, path, token, body, NULL);
}

/* The value of header name (or, with all, every one joined by ", ") into buf; NULL if absent. */
static const char *
header_scan(const struct api_resp *r, const char *name, int all, char *buf, size_t len)
{
	const char	*p = r->headers, *eol, *v;
	size_t		 n = strlen(name), used = 0;
	int		 found = 0;

	if (len > 0)
		buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		eol = strstr(p, "\r\n");
		if (eol == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			for (v = p + n + 1; *v == ' '; v++)
				;
			if (used < len)
				used += (size_t)snprintf(buf + used, len - used, "%s%.*s",
				    found ? ", " : "", (int)(eol - v), v);
			found = 1;
			if (!all)
				break;
		}
		p = *eol ? eol + 2 : eol;
	}
	return found ? buf : NULL;
}

const char *
api_header(const struct api_resp *r, const char *name, char *buf, size_t len)
{
	return header_scan(r, name, 0, buf, len);
}

const char *
api_header_all(const struct api_resp *r, const char *name, char *buf, size_t len)
{
	return header_scan(r, name, 1, buf, len);
}

int
api_header_prefix(const struct api_resp *r, const char *prefix)
{
	const char	*p = r->headers, *eol;
	size_t		 n = strlen(prefix);
	int		 count = 0;

	while (p != NULL && *p != '\0') {
		eol = strstr(p, "\r\n");
		if (eol == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > n && strncasecmp(p, prefix, n) == 0)
			count++;
		p = *eol ? eol + 2 : eol;
	}
	return count;
}

char *
str_fill(char *out, size_t len, const char *pattern, const char *value)
{
	size_t		 o = 0, n;
	const char	*p;

	if (len == 0)
		return out;
	for (p = pattern; *p != '\0' && o + 1 < len; p++) {
		if (p[0] == '%' && p[1] == 's') {
			n = strlen(value);
			if (n > len - 1 - o)
				n = len - 1 - o;
			memcpy(out + o, value, n);
			o += n;
			p++;
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

void
api_free(struct api_resp *r)
{
	if (r == NULL)
		return;
	cJSON_Delete(r->json);
	free(r->body);
	free(r->headers);
	free(r);
}

cJSON *
jget(const cJSON *root, const char *path)
{
	char		 key[256];
	const char	*p = path, *dot;
	const cJSON	*cur = root;
	size_t		 n;

	while (cur != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (cJSON_IsArray(cur) && isdigit((unsigned char)key[0]))
			cur = cJSON_GetArrayItem(cur, atoi(key));
		else
			cur = cJSON_GetObjectItemCaseSensitive(cur, key);
		p = dot ? dot + 1 : p + n;
	}
	return (cJSON *)cur;
}

const char *
jstr(const cJSON *root, const char *path)
{
	cJSON	*v = jget(root, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double
jnum(const cJSON *root, const char *path)
{
	cJSON	*v = jget(root, path);

	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

int
jsize(const cJSON *root, const char *path)
{
	cJSON	*v = jget(root, path);

	return cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
}

int
is_error(const struct api_resp *r, long status, const char *code, const char *name)
{
	const char	*msg = jstr(r->json, "message");
	int		 good;

	good = r->status == status && cJSON_IsFalse(jget(r->json, "success")) &&
	    jstr(r->json, "error") != NULL && strcmp(jstr(r->json, "error"), code) == 0 &&
	    msg != NULL && *msg != '\0';
	ok(good, "%s: %ld %s", name, status, code);
	if (!good)
		diag("got status %ld, body %.300s", r->status, r->body);
	return good;
}

const char *
api_unique(void)
{
	static char	 u[32];

	if (u[0] == '\0')
		snprintf(u, sizeof(u), "t%lx%x", (unsigned long)time(NULL) & 0xffffff,
		    (unsigned)getpid() & 0xffff);
	return u;
}

char *
api_new_user(const char *prefix, long long *user_id)
{
	static char	 tokens[64][1024];
	static int	 next, serial;
	struct api_resp	*r;
	char		 body[512], name[64];
	const char	*t;
	char		*out = tokens[next++ % 64];

	snprintf(name, sizeof(name), "%.12s%s%d", prefix, api_unique(), serial++);
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
	    "\"password\":\"correct horse 1\"}", name, name);
	r = api_send("POST", "/api/register", NULL, body);
	if (r->status != 201) {
		diag("api_new_user: register %s gave %ld %.200s", name, r->status, r->body);
		api_free(r);
		return NULL;
	}
	api_free(r);
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"correct horse 1\"}",
	    name);
	r = api_send("POST", "/api/login", NULL, body);
	if (r->status != 200 || (t = jstr(r->json, "data.access_token")) == NULL) {
		diag("api_new_user: login %s gave %ld %.200s", name, r->status, r->body);
		api_free(r);
		return NULL;
	}
	snprintf(out, 1024, "%s", t);
	if (user_id != NULL)
		*user_id = (long long)jnum(r->json, "data.user.id");
	api_free(r);
	return out;
}

static MYSQL *
test_db(void)
{
	static MYSQL	*m;

	if (m != NULL)
		return m;
	if ((m = mysql_init(NULL)) == NULL)
		bail("mysql_init failed");
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(m, "localhost", getenv("STREAMIFY_TEST_DB_USER"),
	    getenv("STREAMIFY_TEST_DB_PASSWORD"), getenv("STREAMIFY_TEST_DB_NAME"), 0,
	    getenv("STREAMIFY_TEST_DB_SOCKET"), 0) == NULL) {
		diag("test database: %s", mysql_error(m));
		mysql_close(m);
		m = NULL;
	}
	return m;
}

long long
db_count(const char *fmt, ...)
{
	char		 sql[4096];
	va_list		 ap;
	MYSQL		*m;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	long long	 v = 0;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if ((m = test_db()) == NULL)
		return -1;
	if (mysql_query(m, sql) != 0 || (res = mysql_store_result(m)) == NULL) {
		diag("db_count: %s: %s", sql, mysql_error(m));
		return -1;
	}
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL)
		v = strtoll(row[0], NULL, 10);
	mysql_free_result(res);
	return v;
}

int
db_do(const char *fmt, ...)
{
	char		 sql[8192];
	va_list		 ap;
	MYSQL		*m;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if ((m = test_db()) == NULL)
		return -1;
	api_external_write();
	if (mysql_query(m, sql) != 0) {
		diag("db_do: %s: %s", sql, mysql_error(m));
		return -1;
	}
	return 0;
}
