/* test-accounts-admin.c: streamify-admin, and the admin movie routes with their validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "accounts.h"

/* Run streamify-admin with args against the test stack, feeding input. Returns its exit status. */
static int
run_admin(const char *args, const char *input)
{
	const char	*bdir = getenv("STREAMIFY_BUILDDIR"), *cfg = getenv("STREAMIFY_TEST_CONFIG");
	char		 cmd[2048];
	FILE		*p;
	int		 st;

	snprintf(cmd, sizeof(cmd), "'%s/batch/streamify-admin' --config '%s' %s >/dev/null 2>&1",
	    bdir ? bdir : ".", cfg ? cfg : "", args);
	if ((p = popen(cmd, "w")) == NULL)
		return -1;
	if (input != NULL)
		fputs(input, p);
	st = pclose(p);
	api_external_write();
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char	 admin[1024];	/* an administrator's access token */

static void
test_streamify_admin(void)
{
	struct acct	 a, b;
	struct api_resp	*r;
	char		 args[256], name[64];

	acct_new(&a, "adm");
	r = api_send("POST", "/api/admin/movies", a.access, "{\"title\":\"Nope\"}");
	is_error(r, 403, "forbidden", "an admin route with a normal user's token");
	api_free(r);
	r = api_send("POST", "/api/admin/movies", NULL, "{\"title\":\"Nope\"}");
	is_error(r, 401, "unauthorized", "an admin route without a token");
	api_free(r);
	r = api_send("DELETE", "/api/admin/movies/1", a.access, NULL);
	is_error(r, 403, "forbidden", "DELETE /admin/movies with a normal token");
	api_free(r);

	snprintf(args, sizeof(args), "promote %s", a.name);
	is_int(run_admin(args, NULL), 0, "streamify-admin promote");
	r = api_get("/api/profile", a.access);
	ok(cJSON_IsTrue(jget(r->json, "data.user.is_admin")),
	    "promotion applies to the next request of an existing login");
	api_free(r);
	snprintf(admin, sizeof(admin), "%s", a.access);
	is_int(run_admin("promote nosuchuser_xyz", NULL), 1, "promote of an unknown user fails");
	is_int(run_admin("frobnicate x", NULL), 2, "an unknown command is a usage error");

	snprintf(name, sizeof(name), "root%s", api_unique());
	snprintf(args, sizeof(args), "create %s %s@example.com", name, name);
	is_int(run_admin(args, ""), 1, "create with no password on stdin fails (no default)");
	is_int(run_admin(args, "short\n"), 1, "create with a too short password fails");
	is_int(run_admin(args, "password1\n"), 1, "create with a common password fails");
	is_int(db_count("SELECT COUNT(*) FROM users WHERE username = '%s'", name), 0,
	    "and makes no user");
	is_int(run_admin(args, "admin password 9\n"), 0, "create reads the password from stdin");
	is_int(run_admin(args, "admin password 9\n"), 1, "create of an existing user fails");
	acct_login(&b, name, "admin password 9");
	r = api_get("/api/profile", b.access);
	ok(cJSON_IsTrue(jget(r->json, "data.user.is_admin")), "the created user is an admin");
	api_free(r);
	snprintf(args, sizeof(args), "demote %s", name);
	is_int(run_admin(args, NULL), 0, "streamify-admin demote");
	r = api_send("POST", "/api/admin/movies", b.access, "{\"title\":\"Nope\"}");
	is_error(r, 403, "forbidden", "a demoted admin gets 403");
	api_free(r);
}

/* POST body to /admin/movies and expect 400 naming field. */
static void
invalid(const char *method, const char *path, const char *body, const char *field,
    const char *name)
{
	struct api_resp	*r = api_send(method, path, admin, body);
	char		 f[64];

	snprintf(f, sizeof(f), "fields.%s", field);
	if (is_error(r, 400, "bad_request", name))
		ok(jstr(r->json, f) != NULL, "%s: %s says why", name, f);
	else
		ok(0, "%s: %s says why", name, f);
	api_free(r);
}

static void
test_movie_validation(void)
{
	char		 big[12000], body[12100];
	const char	*p = "/api/admin/movies";

	invalid("POST", p, "{}", "title", "no title");
	invalid("POST", p, "{\"title\":\"\"}", "title", "empty title");
	memset(big, 'x', 301);
	big[301] = '\0';
	snprintf(body, sizeof(body), "{\"title\":\"%s\"}", big);
	invalid("POST", p, body, "title", "title of 301 characters");
	invalid("POST", p, "{\"title\":7}", "title", "title a number");
	invalid("POST", p, "{\"title\":\"T\",\"release_year\":1869}", "release_year", "year 1869");
	invalid("POST", p, "{\"title\":\"T\",\"release_year\":2101}", "release_year", "year 2101");
	invalid("POST", p, "{\"title\":\"T\",\"release_year\":\"1999\"}", "release_year",
	    "year as a string");
	invalid("POST", p, "{\"title\":\"T\",\"release_year\":1999.5}", "release_year",
	    "year not whole");
	invalid("POST", p, "{\"title\":\"T\",\"rating\":-0.1}", "rating", "rating below 0");
	invalid("POST", p, "{\"title\":\"T\",\"rating\":10.1}", "rating", "rating above 10");
	invalid("POST", p, "{\"title\":\"T\",\"rating\":\"7\"}", "rating", "rating as a string");
	invalid("POST", p, "{\"title\":\"T\",\"duration\":0}", "duration", "duration 0");
	invalid("POST", p, "{\"title\":\"T\",\"duration\":1001}", "duration", "duration 1001");
	invalid("POST", p, "{\"title\":\"T\",\"language\":\"e\"}", "language", "language of 1");
	invalid("POST", p, "{\"title\":\"T\",\"language\":\"engl\"}", "language", "language of 4");
	invalid("POST", p, "{\"title\":\"T\",\"language\":\"EN\"}", "language", "language uppercase");
	invalid("POST", p, "{\"title\":\"T\",\"language\":\"e1\"}", "language", "language digit");
	invalid("POST", p, "{\"title\":\"T\",\"poster_url\":\"ftp://x.example/a.jpg\"}",
	    "poster_url", "poster_url ftp");
	invalid("POST", p, "{\"title\":\"T\",\"poster_url\":\"javascript:alert(1)\"}",
	    "poster_url", "poster_url javascript:");
	invalid("POST", p, "{\"title\":\"T\",\"poster_url\":\"http://\"}", "poster_url",
	    "poster_url without a host");
	invalid("POST", p, "{\"title\":\"T\",\"banner_url\":\"https://x.example/a b.jpg\"}",
	    "banner_url", "banner_url with a space");
	memset(big, 'a', 490);
	big[490] = '\0';
	snprintf(body, sizeof(body), "{\"title\":\"T\",\"banner_url\":\"https://x.example/%s\"}", big);
	invalid("POST", p, body, "banner_url", "banner_url over 500");
	memset(big, 'd', 10001);
	big[10001] = '\0';
	snprintf(body, sizeof(body), "{\"title\":\"T\",\"description\":\"%s\"}", big);
	invalid("POST", p, body, "description", "description of 10001");
	invalid("POST", p, "{\"title\":\"T\",\"video_path\":\"../etc/passwd\"}", "video_path",
	    "video_path with ..");
	invalid("POST", p, "{\"title\":\"T\",\"video_path\":\"/abs/x.mp4\"}", "video_path",
	    "video_path absolute");
	invalid("POST", p, "{\"title\":\"T\",\"video_path\":\"a b.mp4\"}", "video_path",
	    "video_path with a space");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":\"Drama\"}", "genres", "genres a string");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":[\"Drama\",3]}", "genres",
	    "genres with a number");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":[\"\"]}", "genres", "an empty genre");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":[\"Sci|Fi\"]}", "genres", "a genre with |");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":[\" Drama\"]}", "genres",
	    "a genre with a space in front");
	memset(big, 'g', 65);
	big[65] = '\0';
	snprintf(body, sizeof(body), "{\"title\":\"T\",\"genres\":[\"%s\"]}", big);
	invalid("POST", p, body, "genres", "a genre of 65 characters");
	invalid("POST", p, "{\"title\":\"T\",\"genres\":[\"Drama\",\"drama\"]}", "genres",
	    "a genre repeated in another case");
	ok(db_count("SELECT COUNT(*) FROM movies WHERE title = 'T'") == 0,
	    "no refused request left a movie behind");
}

static void
test_movie_crud(void)
{
	struct api_resp	*r;
	struct acct	 u;
	char		 body[2048], path[64], gname[64], search[128];
	long long	 id;

	snprintf(gname, sizeof(gname), "Genre%s", api_unique());
	snprintf(body, sizeof(body), "{\"title\":\"Admin Movie %s\",\"description\":\"About it.\","
	    "\"release_year\":1999,\"genres\":[\"%s\",\"Drama\",\"Comedy\"],\"rating\":7.25,"
	    "\"duration\":120,\"language\":\"en\",\"poster_url\":\"https://img.example/p.jpg\","
	    "\"banner_url\":\"http://img.example/b.jpg\",\"video_path\":\"movies/x/1080p.mp4\","
	    "\"unknown_field\":true}", api_unique(), gname);
	r = api_send("POST", "/api/admin/movies", admin, body);
	is_int(r->status, 201, "POST /admin/movies");
	id = (long long)jnum(r->json, "data.id");
	ok(id > 0, "the new movie has an id");
	is_str(jstr(r->json, "data.genre"), gname, "genre is the first genre");
	is_int(jsize(r->json, "data.genres"), 3, "three genres");
	is_str(jstr(r->json, "data.genres.2"), "Comedy", "in the order given");
	is_num(jnum(r->json, "data.release_year"), 1999, 0, "release_year");
	is_num(jnum(r->json, "data.duration"), 120, 0, "duration");
	is_str(jstr(r->json, "data.language"), "en", "language");
	is_str(jstr(r->json, "data.video_path"), "movies/x/1080p.mp4", "video_path");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM genres WHERE name = '%s'", gname) == 1,
	    "a missing genre is created");
	ok(db_count("SELECT COUNT(*) FROM movies WHERE id = %lld AND genres = '%s|Drama|Comedy'",
	    id, gname) == 1, "movies.genres is '|'-joined in order");
	ok(db_count("SELECT COUNT(*) FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id "
	    "WHERE mg.movie_id = %lld AND ((g.name = '%s' AND mg.position = 0) OR "
	    "(g.name = 'Drama' AND mg.position = 1) OR (g.name = 'Comedy' AND mg.position = 2))",
	    id, gname) == 3, "movie_genres in step, with positions");

	/* The search index follows (the catalog's search_index_movie, same transaction). */
	snprintf(search, sizeof(search), "/api/search?q=Admin+Movie+%s", api_unique());
	r = api_get(search, NULL);
	is_num(jnum(r->json, "results.0.id"), (double)id, 0, "the new movie is found by search");
	api_free(r);

	snprintf(path, sizeof(path), "/api/admin/movies/%lld", id);
	r = api_send("PATCH", path, admin, "{\"title\":\"Renamed\",\"description\":null,"
	    "\"genres\":[\"comedy\"],\"rating\":null}");
	is_int(r->status, 200, "PATCH /admin/movies/{id}");
	is_str(jstr(r->json, "data.title"), "Renamed", "the title changed");
	ok(cJSON_IsNull(jget(r->json, "data.description")), "description cleared by null");
	ok(cJSON_IsNull(jget(r->json, "data.rating")), "rating cleared by null");
	is_str(jstr(r->json, "data.genre"), "Comedy", "a genre named in another case is the same");
	is_num(jnum(r->json, "data.release_year"), 1999, 0, "fields not sent are kept");
	is_str(jstr(r->json, "data.poster_url"), "https://img.example/p.jpg", "poster_url kept");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM movie_genres WHERE movie_id = %lld", id) == 1,
	    "movie_genres follows the new list");
	/* TMDB's names are stored as the catalog's (genre_synonyms): no second genre. */
	r = api_send("PATCH", path, admin, "{\"genres\":[\"Science Fiction\",\"family\"]}");
	is_int(r->status, 200, "PATCH genres spelled as TMDB does");
	is_str(jstr(r->json, "data.genres.0"), "Sci-Fi", "Science Fiction is stored as Sci-Fi");
	is_str(jstr(r->json, "data.genres.1"), "Children", "family as Children");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM genres WHERE name IN ('Science Fiction', 'Family')"),
	    0, "no genre made under the other spelling");
	r = api_send("PATCH", path, admin, "{\"genres\":[\"Sci-Fi\",\"science fiction\"]}");
	is_error(r, 400, "bad_request", "two spellings of one genre repeat it");
	api_free(r);
	r = api_send("PATCH", path, admin, "{\"genres\":[\"comedy\"]}");
	is_int(r->status, 200, "back to comedy");
	api_free(r);
	r = api_get(search, NULL);
	ok(r->status == 200 && (jsize(r->json, "results") == 0 ||
	    jnum(r->json, "results.0.id") != (double)id),
	    "after the rename the old title no longer finds it first");
	api_free(r);
	r = api_send("PATCH", path, admin, "{\"title\":null}");
	is_error(r, 400, "bad_request", "PATCH title null");
	api_free(r);
	r = api_send("PATCH", path, admin, "{\"language\":\"xx1\"}");
	is_error(r, 400, "bad_request", "PATCH a bad language");
	api_free(r);
	r = api_send("PATCH", path, admin, "{\"genres\":[]}");
	is_int(r->status, 200, "PATCH genres to none");
	is_int(jsize(r->json, "data.genres"), 0, "no genres");
	api_free(r);
	r = api_send("PATCH", "/api/admin/movies/999999999", admin, "{\"title\":\"x\"}");
	is_error(r, 404, "not_found", "PATCH an unknown movie");
	api_free(r);

	/* Deleting removes it from every library. */
	acct_new(&u, "lib");
	db_do("INSERT INTO watchlist (user_id, movie_id) VALUES (%lld, %lld)", u.id, id);
	db_do("INSERT INTO favorites (user_id, movie_id) VALUES (%lld, %lld)", u.id, id);
	r = api_send("DELETE", path, u.access, NULL);
	is_error(r, 403, "forbidden", "DELETE by a normal user");
	api_free(r);
	r = api_send("DELETE", path, admin, NULL);
	is_int(r->status, 204, "DELETE /admin/movies/{id}");
	api_free(r);
	ok(db_count("SELECT COUNT(*) FROM movies WHERE id = %lld", id) == 0, "the movie is gone");
	ok(db_count("SELECT (SELECT COUNT(*) FROM watchlist WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM favorites WHERE movie_id = %lld) + "
	    "(SELECT COUNT(*) FROM movie_genres WHERE movie_id = %lld)", id, id, id) == 0,
	    "and from every library and genre list");
	r = api_send("DELETE", path, admin, NULL);
	is_error(r, 404, "not_found", "DELETE it again");
	api_free(r);
}

int
main(void)
{
	api_init();
	test_streamify_admin();
	if (admin[0] == '\0')
		bail("no administrator token");
	test_movie_validation();
	test_movie_crud();
	return done_testing();
}
