/* accounts.h: helpers shared by the accounts API tests (header-only, like procs.h). */
#ifndef STREAMIFY_TEST_ACCOUNTS_H
#define STREAMIFY_TEST_ACCOUNTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "crypto.h"
#include "tap.h"

#define PW	"correct horse 1"

/* One login: the user, its tokens and its session (the sid claim). */
struct acct {
	char		 name[64];
	long long	 id;
	long long	 sid;
	char		 access[1024];
	char		 refresh[128];
};

static __attribute__((unused)) struct api_resp *
reg(const char *name, const char *email, const char *pw)
{
	char	 body[2048];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}",
	    name, email, pw);
	return api_send("POST", "/api/register", NULL, body);
}

static __attribute__((unused)) struct api_resp *
login(const char *name, const char *pw)
{
	char	 body[2048];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", name, pw);
	return api_send("POST", "/api/login", NULL, body);
}

/* The JSON payload of a token (NULL when it is not one); the caller frees it. */
static __attribute__((unused)) cJSON *
token_payload(const char *tok)
{
	const char	*d1, *d2;
	unsigned char	 buf[1024];
	int		 n;

	if ((d1 = strchr(tok, '.')) == NULL || (d2 = strchr(d1 + 1, '.')) == NULL)
		return NULL;
	if ((n = crypto_b64url_decode(d1 + 1, (size_t)(d2 - d1 - 1), buf, sizeof(buf) - 1)) < 0)
		return NULL;
	buf[n] = '\0';
	return cJSON_Parse((const char *)buf);
}

/* Fill a from a login answer; returns 1 when it had one. */
static __attribute__((unused)) int
acct_take(struct acct *a, const struct api_resp *r)
{
	cJSON	*p;

	if (jstr(r->json, "data.access_token") == NULL || jstr(r->json, "data.refresh_token") == NULL)
		return 0;
	snprintf(a->access, sizeof(a->access), "%s", jstr(r->json, "data.access_token"));
	snprintf(a->refresh, sizeof(a->refresh), "%s", jstr(r->json, "data.refresh_token"));
	a->id = (long long)jnum(r->json, "data.user.id");
	if ((p = token_payload(a->access)) != NULL) {
		a->sid = (long long)jnum(p, "sid");
		cJSON_Delete(p);
	}
	return 1;
}

/* Register a new user named prefix + unique + serial; bails out when it fails. */
static __attribute__((unused)) void
acct_new(struct acct *a, const char *prefix)
{
	static __attribute__((unused)) int	 serial;
	struct api_resp	*r;
	char		 email[128];

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%.10s%s%d", prefix, api_unique(), serial++);
	snprintf(email, sizeof(email), "%s@example.com", a->name);
	r = reg(a->name, email, PW);
	if (r->status != 201 || !acct_take(a, r))
		bail("register %s: %ld %.200s", a->name, r->status, r->body);
	api_free(r);
}

/* Log a in again (a new session); bails out when it fails. */
static __attribute__((unused)) void
acct_login(struct acct *a, const char *name, const char *pw)
{
	struct api_resp	*r = login(name, pw);

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	if (r->status != 200 || !acct_take(a, r))
		bail("login %s: %ld %.200s", name, r->status, r->body);
	api_free(r);
}

/* The status of GET /api/profile with tok. */
static __attribute__((unused)) long
profile_status(const char *tok)
{
	struct api_resp	*r = api_get("/api/profile", tok);
	long		 s = r->status;

	api_free(r);
	return s;
}

/* A setting of the test stack's configuration file (STREAMIFY_TEST_CONFIG), or def. */
static __attribute__((unused)) const char *
test_setting(const char *name, const char *def)
{
	static __attribute__((unused)) char	 val[1024];
	char		 line[1200], *k, *v, *e;
	FILE		*f;
	const char	*path = getenv("STREAMIFY_TEST_CONFIG");

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return def;
	while (fgets(line, sizeof(line), f) != NULL) {
		for (k = line; *k == ' ' || *k == '\t'; k++)
			;
		if (*k == '#' || (v = strchr(k, '=')) == NULL)
			continue;
		for (e = v; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		if (strcmp(k, name) != 0)
			continue;
		for (v++; *v == ' ' || *v == '\t'; v++)
			;
		v[strcspn(v, "\r\n")] = '\0';
		snprintf(val, sizeof(val), "%s", v);
		fclose(f);
		return val;
	}
	fclose(f);
	return def;
}

#endif
