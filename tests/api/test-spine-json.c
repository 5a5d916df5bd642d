/* test-spine-json.c: a JSON body that repeats a key, at any depth, is 400 and changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "tap.h"

/* Expect 400 bad_request with fields.body saying that a key repeats. */
static void
refused(struct api_resp *r, const char *name)
{
	const char	*why;

	is_error(r, 400, "bad_request", name);
	why = jstr(r->json, "fields.body");
	ok(why != NULL && strstr(why, "must not repeat a key") != NULL,
	    "%s: fields.body says a key repeats (%s)", name, why ? why : "none");
	is_int(cJSON_GetArraySize(jget(r->json, "fields")), 1, "%s: body is the only field named",
	    name);
	api_free(r);
}

static void
test_register(void)
{
	char	 body[512], a[64], b[64];

	snprintf(a, sizeof(a), "dupa_%s", api_unique());
	snprintf(b, sizeof(b), "dupb_%s", api_unique());
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
	    "\"password\":\"correct horse 1\",\"username\":\"%s\"}", a, a, b);
	refused(api_send("POST", "/api/register", NULL, body), "register with username twice");
	is_int(db_count("SELECT COUNT(*) FROM users WHERE username IN ('%s', '%s')", a, b), 0,
	    "no account was made under either name");
	/* The same through /api/v1, and with the second spelling escaped. */
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"email\":\"%s@example.com\","
	    "\"password\":\"correct horse 1\",\"em\\u0061il\":\"%s@example.org\"}", a, a, a);
	refused(api_send("POST", "/api/v1/register", NULL, body),
	    "register with email twice, once escaped (/api/v1)");
	is_int(db_count("SELECT COUNT(*) FROM users WHERE username = '%s'", a), 0,
	    "still no account");
}

static void
test_library(void)
{
	struct api_resp	*r;
	long long	 uid = 0, movie;
	char		 path[64], *t;

	if ((t = api_new_user("dupk", &uid)) == NULL) {
		ok(0, "a user for the library cases");
		return;
	}
	t = strdup(t);
	movie = db_count("SELECT MIN(id) FROM movies");
	ok(movie > 0, "a movie to rate (%lld)", movie);

	snprintf(path, sizeof(path), "/api/ratings/%lld", movie);
	refused(api_send("PUT", path, t, "{\"score\":4.5,\"score\":1}"), "a rating given twice");
	refused(api_send("PUT", path, t, "{\"score\":1,\"score\":4.5}"),
	    "a rating given twice, the valid one last");
	is_int(db_count("SELECT COUNT(*) FROM ratings WHERE user_id = %lld", uid), 0,
	    "no rating was stored");

	snprintf(path, sizeof(path), "/api/history/%lld", movie);
	refused(api_send("PUT", path, t, "{\"progress\":10,\"player\":{\"id\":1,\"id\":2}}"),
	    "a repeat in a nested object");
	refused(api_send("PUT", path, t, "{\"progress\":10,\"x\":[1,[{\"a\":0,\"b\":0,\"a\":0}]]}"),
	    "a repeat in an object inside arrays");
	is_int(db_count("SELECT COUNT(*) FROM watch_history WHERE user_id = %lld", uid), 0,
	    "no progress was stored");

	/* One name in several objects is no repeat. */
	r = api_send("PUT", path, t, "{\"progress\":10,\"a\":{\"progress\":1},\"b\":[{\"progress\":2}]}");
	is_int(r->status, 200, "the same name in different objects: 200");
	is_int((long long)jnum(r->json, "data.progress"), 10, "and the top-level value is used");
	api_free(r);
	free(t);
}

int
main(void)
{
	api_init();
	test_register();
	test_library();
	return done_testing();
}
