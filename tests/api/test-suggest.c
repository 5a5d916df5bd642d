/* test-suggest.c: GET /search/suggest: titles, people and genres by prefix and with a typo, most popular first, through streamify-batch suggest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "client.h"
#include "tap.h"

static char	 word[32];	/* a made-up word no other movie has: "qwz" + the run's unique */
static long long beta, alpha, gamma_id, anna;

/* streamify-batch suggest with the test stack's configuration; its first line into out. */
static int
batch(char *out, size_t len)
{
	char	 cmd[2300];
	FILE	*p;
	size_t	 n;
	int	 st;

	snprintf(cmd, sizeof(cmd), "'%s/batch/streamify-batch' --config '%s' suggest 2>&1",
	    getenv("STREAMIFY_BUILDDIR") ? getenv("STREAMIFY_BUILDDIR") : ".",
	    getenv("STREAMIFY_TEST_CONFIG"));
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	st = pclose(p);
	api_external_write();
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* GET /api/search/suggest?q=, q percent-encoded. */
static struct api_resp *
suggest(const char *q)
{
	char	 path[512];
	size_t	 n;

	n = (size_t)snprintf(path, sizeof(path), "/api/search/suggest?q=");
	for (; *q && n + 4 < sizeof(path); q++)
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
			path[n++] = *q;
		else
			n += (size_t)snprintf(path + n, sizeof(path) - n, "%%%02X", (unsigned char)*q);
	path[n] = '\0';
	return api_get(path, NULL);
}

static long long
movie(const char *title, double pop)
{
	db_do("INSERT INTO movies (title, popularity) VALUES ('%s', %g)", title, pop);
	return db_count("SELECT MAX(id) FROM movies WHERE title = '%s'", title);
}

static void
fixture(void)
{
	char	 t[128];

	snprintf(word, sizeof(word), "qwz%s", api_unique());
	snprintf(t, sizeof(t), "%s Beta", word);
	beta = movie(t, 90);
	snprintf(t, sizeof(t), "%s Alpha", word);
	alpha = movie(t, 10);
	snprintf(t, sizeof(t), "The %s Gammaray", word);
	gamma_id = movie(t, 5);
	db_do("INSERT INTO people (name) VALUES ('Anna %sson')", word);
	anna = db_count("SELECT MAX(id) FROM people WHERE name = 'Anna %sson'", word);
	db_do("INSERT INTO movie_cast (movie_id, person_id, cast_order) VALUES (%lld, %lld, 0)", beta,
	    anna);
}

/* Whether results[i] is {text, kind, id}. */
static int
hit(const struct api_resp *r, int i, const char *kind, long long id)
{
	char	 p[32];

	snprintf(p, sizeof(p), "results.%d.kind", i);
	if (jstr(r->json, p) == NULL || strcmp(jstr(r->json, p), kind) != 0)
		return 0;
	snprintf(p, sizeof(p), "results.%d.id", i);
	return (long long)jnum(r->json, p) == id;
}

static void
test_completions(void)
{
	struct api_resp	*r;
	char		 out[1024], q[96];

	is_int(batch(out, sizeof(out)), 0, "streamify-batch suggest: exit 0");
	diag("%.*s", (int)strcspn(out, "\n"), out);
	ok(strncmp(out, "suggest: ", 9) == 0 && strstr(out, "titles") != NULL, "a summary");

	r = suggest(word);
	is_int(r->status, 200, "GET /search/suggest: 200");
	is_int(jsize(r->json, "results"), 4, "four completions of the made-up word");
	ok(hit(r, 0, "title", beta), "the most popular first: a title");
	ok(jstr(r->json, "results.0.text") != NULL && strstr(jstr(r->json, "results.0.text"),
	    " Beta") != NULL, "with its text");
	ok(hit(r, 1, "person", anna), "then the person as popular as her movie, by her last name");
	ok(hit(r, 2, "title", alpha), "then the less popular title");
	ok(hit(r, 3, "title", gamma_id), "and a title with its leading article left out");
	ok(jget(r->json, "page") == NULL, "not paged");
	api_free(r);

	snprintf(q, sizeof(q), "anna %s", word);
	r = suggest(q);
	ok(hit(r, 0, "person", anna), "a person by the start of the name");
	api_free(r);
	snprintf(q, sizeof(q), "%s gamaray", word);
	r = suggest(q);
	ok(hit(r, 0, "title", gamma_id), "with a typo (a letter missing)");
	api_free(r);
	snprintf(q, sizeof(q), "the %s gammray", word);
	r = suggest(q);
	ok(hit(r, 0, "title", gamma_id), "with the article and a typo");
	api_free(r);
	snprintf(q, sizeof(q), "%s BETA", word);
	r = suggest(q);
	ok(hit(r, 0, "title", beta), "ignoring case");
	is_int(jsize(r->json, "results"), 1, "one");
	api_free(r);

	r = suggest("sci");
	ok(jstr(r->json, "results.0.kind") != NULL, "genres");
	{
		cJSON	*e;
		int	 genre = 0;

		cJSON_ArrayForEach(e, jget(r->json, "results"))
			genre |= jstr(e, "kind") && strcmp(jstr(e, "kind"), "genre") == 0 &&
			    jstr(e, "text") && strcmp(jstr(e, "text"), "Sci-Fi") == 0;
		ok(genre, "\"sci\" completes to the genre Sci-Fi");
	}
	api_free(r);
	r = suggest("science fi");
	ok(jstr(r->json, "results.0.text") && strcmp(jstr(r->json, "results.0.text"), "Sci-Fi") == 0,
	    "by its other spelling too");
	api_free(r);
	r = suggest("toy st");
	ok(jstr(r->json, "results.0.text") && strncmp(jstr(r->json, "results.0.text"), "Toy Story",
	    9) == 0, "toy st: Toy Story");
	api_free(r);
	r = suggest("godfater");
	ok(jstr(r->json, "results.0.text") && strstr(jstr(r->json, "results.0.text"), "Godfather"),
	    "godfater: The Godfather");
	api_free(r);
	r = suggest("zzzzqqqq");
	is_int(r->status, 200, "nothing found: 200");
	is_int(jsize(r->json, "results"), 0, "empty results");
	api_free(r);
	r = suggest("s");
	is_int(jsize(r->json, "results"), 10, "one letter: ten completions");
	api_free(r);
}

static void
test_updates(void)
{
	struct api_resp	*r;
	char		 out[1024], t[128];
	long long	 delta, v0;
	int		 i, seen = 0, stable = 0;

	v0 = db_count("SELECT v FROM catalog_version WHERE id = 1");
	is_int(batch(out, sizeof(out)), 0, "a run with nothing new");
	ok(strstr(out, "unchanged") != NULL, "says unchanged");
	is_int(db_count("SELECT v FROM catalog_version WHERE id = 1"), v0, "and moves no version");

	snprintf(t, sizeof(t), "%s Delta", word);
	delta = movie(t, 95);
	r = suggest(word);
	ok(!hit(r, 0, "title", delta), "a new movie is not suggested before the job runs");
	api_free(r);
	is_int(batch(out, sizeof(out)), 0, "the job runs");
	ok(strstr(out, "written") != NULL, "and writes a new generation");
	is_int(db_count("SELECT COUNT(DISTINCT generation) FROM suggest_entries"), 1,
	    "the old generation is dropped");
	/* Each worker answers once more from what it had, and loads the new one after. */
	for (i = 0; i < 10 && stable < 4; i++) {
		r = suggest(word);
		if (hit(r, 0, "title", delta)) {
			seen = 1;
			stable++;
		} else
			stable = 0;
		api_free(r);
	}
	ok(seen && stable >= 4, "then every worker suggests it, first");
}

static void
test_http(void)
{
	struct api_resp	*r;
	char		 h[256], etag[128], hdr[160], q[64];
	const char	*hdrs[] = { hdr, NULL };
	char		*tok;

	r = api_get("/api/search/suggest", NULL);
	is_error(r, 400, "bad_request", "without q: 400");
	ok(jstr(r->json, "fields.q") != NULL, "fields.q");
	api_free(r);
	r = api_get("/api/search/suggest?q=", NULL);
	is_error(r, 400, "bad_request", "q empty: 400");
	api_free(r);
	memset(q, 'a', 51);
	q[51] = '\0';
	snprintf(h, sizeof(h), "/api/search/suggest?q=%s", q);
	r = api_get(h, NULL);
	is_error(r, 400, "bad_request", "q of 51 characters: 400");
	api_free(r);
	q[50] = '\0';
	snprintf(h, sizeof(h), "/api/search/suggest?q=%s", q);
	r = api_get(h, NULL);
	is_int(r->status, 200, "q of 50: 200");
	api_free(r);
	r = api_get("/api/search/suggest?q=s&limit=11", NULL);
	is_error(r, 400, "bad_request", "limit=11: 400");
	api_free(r);
	r = api_get("/api/search/suggest?q=s&limit=3", NULL);
	is_int(jsize(r->json, "results"), 3, "limit=3: three");
	ok(api_header(r, "Cache-Control", h, sizeof(h)) != NULL && strstr(h, "public") != NULL,
	    "public");
	ok(api_header(r, "ETag", etag, sizeof(etag)) != NULL, "an ETag");
	api_free(r);
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	r = api_req("GET", "/api/search/suggest?q=s&limit=3", NULL, NULL, hdrs);
	is_int(r->status, 304, "If-None-Match: 304");
	api_free(r);
	if ((tok = api_new_user("sug", NULL)) != NULL) {
		r = api_get("/api/v1/search/suggest?q=toy", tok);
		is_int(r->status, 200, "with a token: 200, the same for everyone");
		api_free(r);
	}
	r = api_get("/api/search/suggest?q=%C3%A9t%C3%A9", NULL);
	is_int(r->status, 200, "accented text: 200");
	api_free(r);
}

int
main(void)
{
	api_init();
	fixture();
	test_completions();
	test_updates();
	test_http();
	return done_testing();
}
