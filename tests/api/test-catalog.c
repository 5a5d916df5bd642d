/* test-catalog.c: GET /movies filters, sorts and paging, popular, detail, credits, genres, caching. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog-fixture.h"
#include "client.h"
#include "tap.h"

#define NFX	10

static long long	 fx[NFX];		/* the browse fixtures */
static char		 ga[64], gb[64];	/* two genres of this run */
static long long	 detail_id, actor1, actor2, director;

static void
setup(void)
{
	/* title, year, rating (-1 = none), popularity, genres */
	static const struct {
		const char	*title;
		int		 year;
		double		 rating;
		double		 pop;
		int		 g;		/* 1 = ga, 2 = gb, 3 = both */
	} m[NFX] = {
		{ "Alpha", 1991, 7.5, 10.0, 1 },
		{ "Bravo", 1992, 7.5, 30.0, 3 },
		{ "Charlie", 1993, 9.0, 5.0, 2 },
		{ "Delta", 1994, -1, 50.0, 1 },
		{ "Echo", 1995, 3.2, 20.0, 3 },
		{ "Foxtrot", 0, 6.0, 40.0, 2 },
		{ "Golf", 1997, 8.1, 15.0, 3 },
		{ "Hotel", 1998, 7.5, 25.0, 1 },
		{ "India", 1991, 5.5, 35.0, 0 },
		{ "Juliet", 1999, 6.0, 45.0, 3 },
	};
	char	 title[128], genres[160];
	int	 i;

	snprintf(ga, sizeof(ga), "%sAction", api_unique());
	snprintf(gb, sizeof(gb), "%sComedy", api_unique());
	for (i = 0; i < NFX; i++) {
		snprintf(title, sizeof(title), "%s %s", m[i].title, api_unique());
		snprintf(genres, sizeof(genres), "%s%s%s", m[i].g & 1 ? ga : "",
		    m[i].g == 3 ? "|" : "", m[i].g & 2 ? gb : "");
		fx[i] = fx_movie(title, "A fixture.", m[i].year, m[i].rating, 100 + i, m[i].pop,
		    90 + i, genres);
	}
}

/* GET path (printf-style) and return the response; its json is NULL when the body is not JSON. */
static struct api_resp *
get(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static struct api_resp *
get(const char *fmt, ...)
{
	char		 path[1024];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return api_get(path, NULL);
}

/* Whether every result's genres holds name. */
static int
all_have_genre(const cJSON *json, const char *name)
{
	const cJSON	*m, *g;
	int		 found;

	cJSON_ArrayForEach(m, jget(json, "results")) {
		found = 0;
		cJSON_ArrayForEach(g, cJSON_GetObjectItem(m, "genres"))
			if (cJSON_IsString(g) && strcmp(g->valuestring, name) == 0)
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

/*
 * Check the order of results for a sort: key is the field, desc its
 * direction, nulls last, ties by id ascending. Returns 1 when it holds.
 */
static int
ordered(const cJSON *json, const char *key, int desc)
{
	const cJSON	*arr = jget(json, "results"), *a, *b, *ka, *kb;
	int		 i, n = cJSON_GetArraySize(arr), c;

	for (i = 0; i + 1 < n; i++) {
		a = cJSON_GetArrayItem(arr, i);
		b = cJSON_GetArrayItem(arr, i + 1);
		ka = cJSON_GetObjectItem(a, key);
		kb = cJSON_GetObjectItem(b, key);
		if (cJSON_IsNull(ka) && !cJSON_IsNull(kb))
			return 0;	/* nulls last */
		if (cJSON_IsNull(kb) && !cJSON_IsNull(ka))
			continue;
		if (cJSON_IsNull(ka))
			c = 0;
		else if (cJSON_IsString(ka))
			c = strcasecmp(ka->valuestring, kb->valuestring);
		else
			c = ka->valuedouble < kb->valuedouble ? -1 : ka->valuedouble > kb->valuedouble;
		if (desc)
			c = -c;
		if (c > 0)
			return 0;
		if (c == 0 && jnum(a, "id") > jnum(b, "id"))
			return 0;	/* ties by id */
	}
	return 1;
}

/* The prior of the weighted rating (sql/016_rating_weighted.sql): the mean vote C and m votes. */
static double	 prior_mean, prior_votes;

/* A summary's weighted rating, -1 when it has no rating. */
static double
weighted(const cJSON *m)
{
	const cJSON	*r = cJSON_GetObjectItem(m, "rating");
	double		 v = jnum(m, "vote_count");

	if (!cJSON_IsNumber(r))
		return -1;
	return (v * r->valuedouble + prior_votes * prior_mean) / (v + prior_votes);
}

/*
 * Whether results are in the order of the weighted rating (desc or not),
 * unrated last, ties (to the stored 4 decimals) by id.
 */
static int
ordered_weighted(const cJSON *json, int desc)
{
	const cJSON	*arr = jget(json, "results"), *a, *b;
	int		 i, n = cJSON_GetArraySize(arr);
	double		 wa, wb;

	for (i = 0; i + 1 < n; i++) {
		a = cJSON_GetArrayItem(arr, i);
		b = cJSON_GetArrayItem(arr, i + 1);
		wa = weighted(a);
		wb = weighted(b);
		if (wa < 0 && wb >= 0)
			return 0;
		if (wa < 0 || wb < 0)
			continue;
		if (wa - wb > 0.0001)
			if (!desc)
				return 0;
		if (wb - wa > 0.0001)
			if (desc)
				return 0;
		if (fabs(wa - wb) <= 0.0001 && jnum(a, "id") > jnum(b, "id"))
			return 0;
	}
	return 1;
}

static void
test_list_sorts(void)
{
	static const struct {
		const char	*sort, *key;
		int		 desc;
	} s[] = {
		{ "rating_desc", NULL, 1 }, { "rating_asc", NULL, 0 },
		{ "title_asc", "title", 0 }, { "title_desc", "title", 1 },
		{ "year_desc", "release_year", 1 }, { "year_asc", "release_year", 0 },
		{ "popularity_desc", "popularity", 1 }, { "added_desc", "id", 1 },
	};
	struct api_resp	*r;
	size_t		 i;

	r = get("/api/movies?language=%s&per_page=100", fx_lang());
	is_int(r->status, 200, "movies by language: 200");
	is_int((long long)jnum(r->json, "total_results"), NFX, "language filter: total is the fixtures");
	is_int(jsize(r->json, "results"), NFX, "language filter: every fixture on one page");
	is_int((long long)jnum(r->json, "page"), 1, "page defaults to 1");
	is_int((long long)jnum(r->json, "per_page"), 100, "per_page echoed");
	is_int((long long)jnum(r->json, "total_pages"), 1, "total_pages");
	ok(ordered_weighted(r->json, 1), "the default sort is rating_desc by the weighted rating, "
	    "nulls last, ties by id");
	ok(cJSON_IsNull(jget(r->json, "results.9.rating")), "the unrated movie comes last");
	is_num(jnum(r->json, "results.0.id"), (double)fx[2], 0, "the best rated first");
	api_free(r);
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		r = get("/api/movies?language=%s&per_page=100&sort=%s", fx_lang(), s[i].sort);
		is_int(jsize(r->json, "results"), NFX, "sort=%s: every fixture", s[i].sort);
		ok(s[i].key ? ordered(r->json, s[i].key, s[i].desc) :
		    ordered_weighted(r->json, s[i].desc), "sort=%s: in order", s[i].sort);
		api_free(r);
	}
	r = get("/api/movies?language=%s&sort=year_asc&per_page=100", fx_lang());
	ok(cJSON_IsNull(jget(r->json, "results.9.release_year")), "year_asc: no year last");
	api_free(r);
	r = get("/api/movies?language=%s&sort=popularity_desc&per_page=1", fx_lang());
	is_num(jnum(r->json, "results.0.id"), (double)fx[3], 0, "popularity_desc: most popular first");
	api_free(r);
	r = get("/api/movies?language=%s&sort=added_desc&per_page=1", fx_lang());
	is_num(jnum(r->json, "results.0.id"), (double)fx[NFX - 1], 0,
	    "added_desc: the fixture added last comes first");
	api_free(r);
}

/*
 * The rating sorts pull movies with few votes toward the catalog's mean:
 * a 10 of two votes comes after an 8.5 of three hundred; the rating
 * itself (and vote_average, beside it) is what the votes say.
 */
static void
test_weighted_rating(void)
{
	struct api_resp	*r;
	char		 lang[16], title[128];
	long long	 few, many, mid, none;
	double		 c;

	snprintf(lang, sizeof(lang), "w%.6s", api_unique() + strlen(api_unique()) - 6);
#define WR_MOVIE(name, rating, votes) (snprintf(title, sizeof(title), "%s %s", name, \
	api_unique()), db_do("INSERT INTO movies (title, rating, vote_count, language) VALUES " \
	"('%s', %s, %d, '%s')", title, rating, votes, lang), \
	db_count("SELECT MAX(id) FROM movies WHERE title = '%s'", title))
	few = WR_MOVIE("Two fans", "10.0", 2);
	many = WR_MOVIE("Three hundred fans", "8.5", 300);
	mid = WR_MOVIE("No votes", "9.5", 0);
	none = WR_MOVIE("Unrated", "NULL", 0);
#undef WR_MOVIE
	c = (double)db_count("SELECT ROUND(mean * 10000) FROM rating_prior WHERE id = 1") / 10000;
	ok(c > 0 && c <= 10, "the catalog's mean vote C (%.4f)", c);
	is_int(db_count("SELECT votes FROM rating_prior WHERE id = 1"), 10, "m is 10 votes");

	r = get("/api/movies?language=%s&sort=rating_desc", lang);
	is_int(jsize(r->json, "results"), 4, "rating_desc: the four movies");
	is_num(jnum(r->json, "results.0.id"), (double)many, 0, "an 8.5 of 300 votes first");
	is_num(jnum(r->json, "results.3.id"), (double)none, 0, "the unrated one last");
	ok(ordered_weighted(r->json, 1), "in weighted order");
	is_num(jnum(r->json, "results.0.rating"), 8.5, 0, "its rating is its own (8.5)");
	is_num(jnum(r->json, "results.0.vote_average"), 8.5, 0, "and so is vote_average");
	{
		int	 i, pos_few = -1, pos_mid = -1;

		for (i = 0; i < 4; i++) {
			char	 p[32];

			snprintf(p, sizeof(p), "results.%d.id", i);
			if ((long long)jnum(r->json, p) == few)
				pos_few = i;
			if ((long long)jnum(r->json, p) == mid)
				pos_mid = i;
		}
		ok(pos_few > 0 && pos_few < 3, "the 10 of 2 votes after it (%d)", pos_few);
		is_num(jnum(r->json, "results.1.rating") == 10 ? 10 : jnum(r->json, "results.2.rating")
		    == 10 ? 10 : -1, 10, 0, "with its rating still 10.0");
		ok(pos_mid > 0 && pos_mid < 3, "a 9.5 of no votes sorts at the mean, before the "
		    "unrated one (%d)", pos_mid);
	}
	ok(jget(r->json, "results.3.vote_average") == NULL, "no rating: no vote_average (not null)");
	api_free(r);
	r = get("/api/movies?language=%s&sort=rating_asc", lang);
	ok(ordered_weighted(r->json, 0), "rating_asc: in weighted order, ascending");
	is_num(jnum(r->json, "results.2.id"), (double)many, 0, "rating_asc: the 8.5 of 300 last "
	    "of the rated");
	is_num(jnum(r->json, "results.3.id"), (double)none, 0, "rating_asc: the unrated one still last");
	api_free(r);
	/* Any writer keeps the key: votes added by SQL move the 10 up. */
	db_do("UPDATE movies SET vote_count = 5000 WHERE id = %lld", few);
	r = get("/api/movies?language=%s&sort=rating_desc", lang);
	is_num(jnum(r->json, "results.0.id"), (double)few, 0, "with 5000 votes the 10 comes first");
	api_free(r);
	/* The filter min_rating still reads the rating itself. */
	r = get("/api/movies?language=%s&min_rating=9.6", lang);
	is_int((long long)jnum(r->json, "total_results"), 1, "min_rating filters on the rating");
	api_free(r);
}

/* Each list's movies carry vote_average exactly when they have a rating, equal to it. */
static int
vote_average_ok(const cJSON *arr)
{
	const cJSON	*m, *r, *va;
	int		 n = 0;

	cJSON_ArrayForEach(m, arr) {
		r = cJSON_GetObjectItem(m, "rating");
		va = cJSON_GetObjectItem(m, "vote_average");
		if (cJSON_IsNumber(r) ? !cJSON_IsNumber(va) || va->valuedouble != r->valuedouble ||
		    va->valuedouble < 0 || va->valuedouble > 10 : va != NULL)
			return 0;
		n++;
	}
	return n > 0;
}

/* The legacy shapes the app reads (popular, search, detail, recommendations) carry vote_average. */
static void
test_vote_average(void)
{
	struct api_resp	*r;
	char		 q[160];

	r = get("/api/movies/popular?limit=20");
	ok(vote_average_ok(jget(r->json, "results")), "popular: vote_average beside rating");
	api_free(r);
	snprintf(q, sizeof(q), "/api/movies/search?q=toy%%20story");
	r = api_get(q, NULL);
	ok(vote_average_ok(jget(r->json, "results")), "search: vote_average beside rating");
	ok(jnum(r->json, "results.0.vote_average") > 0, "search: a number for Toy Story");
	api_free(r);
	r = get("/api/movies/%lld", fx[2]);
	is_num(jnum(r->json, "data.vote_average"), 9.0, 0, "detail: vote_average 9.0");
	api_free(r);
	r = get("/api/movies/%lld", fx[3]);
	ok(cJSON_IsNull(jget(r->json, "data.rating")) && jget(r->json, "data.vote_average") == NULL,
	    "detail of an unrated movie: rating null, vote_average left out");
	api_free(r);
	r = get("/api/movies/%lld/recommendations", db_count("SELECT movie_id FROM movie_similar "
	    "GROUP BY movie_id ORDER BY COUNT(*) DESC LIMIT 1"));
	ok(vote_average_ok(jget(r->json, "results")), "recommendations: vote_average beside rating");
	api_free(r);
	r = get("/api/movies?language=%s&per_page=100", fx_lang());
	ok(vote_average_ok(jget(r->json, "results")), "GET /movies: the same summary");
	api_free(r);
}

static void
test_list_filters(void)
{
	struct api_resp	*r;
	const cJSON	*m;
	char		 lower[64];
	size_t		 i;
	int		 good;

	for (i = 0; ga[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)((ga[i] >= 'A' && ga[i] <= 'Z') ? ga[i] + 32 : ga[i]);
	lower[i] = '\0';
	r = get("/api/movies?genre=%s&per_page=100", lower);
	is_int(r->status, 200, "genre filter: 200");
	is_int((long long)jnum(r->json, "total_results"), 7, "genre is case-insensitive: 7 movies");
	ok(all_have_genre(r->json, ga), "genre filter: every result has the genre");
	ok(ordered_weighted(r->json, 1), "genre filter: default order (weighted rating)");
	api_free(r);
	r = get("/api/movies?genre=%s,%%20%s&per_page=100&sort=title_asc", ga, gb);
	is_int((long long)jnum(r->json, "total_results"), 4, "genre=a,b: movies with both");
	ok(all_have_genre(r->json, ga) && all_have_genre(r->json, gb), "genre=a,b: both genres");
	ok(ordered(r->json, "title", 0), "genre=a,b with a sort");
	api_free(r);
	r = get("/api/movies?genre=%sNoSuchGenre&page=2", api_unique());
	is_int(r->status, 200, "unknown genre: 200");
	is_int(jsize(r->json, "results"), 0, "unknown genre: no results");
	is_int((long long)jnum(r->json, "total_results"), 0, "unknown genre: total 0");
	is_int((long long)jnum(r->json, "page"), 2, "unknown genre: page echoed");
	api_free(r);

	r = get("/api/movies?language=%s&year=1991", fx_lang());
	is_int((long long)jnum(r->json, "total_results"), 2, "year=1991: two movies");
	good = 1;
	cJSON_ArrayForEach(m, jget(r->json, "results"))
		good &= jnum(m, "release_year") == 1991;
	ok(good, "year: every result is of that year");
	api_free(r);
	r = get("/api/movies?language=%s&year_from=1993&year_to=1997&per_page=100", fx_lang());
	is_int((long long)jnum(r->json, "total_results"), 4, "year_from..year_to: 1993-1997");
	good = 1;
	cJSON_ArrayForEach(m, jget(r->json, "results"))
		good &= jnum(m, "release_year") >= 1993 && jnum(m, "release_year") <= 1997;
	ok(good, "year range: every result inside");
	api_free(r);
	r = get("/api/movies?language=%s&year_from=1998", fx_lang());
	is_int((long long)jnum(r->json, "total_results"), 2, "year_from alone");
	api_free(r);
	r = get("/api/movies?language=%s&year_to=1991", fx_lang());
	is_int((long long)jnum(r->json, "total_results"), 2, "year_to alone");
	api_free(r);
	r = get("/api/movies?language=%s&min_rating=7.5&per_page=100", fx_lang());
	is_int((long long)jnum(r->json, "total_results"), 5, "min_rating=7.5 (inclusive)");
	good = 1;
	cJSON_ArrayForEach(m, jget(r->json, "results"))
		good &= jnum(m, "rating") >= 7.5;
	ok(good, "min_rating: every result rated at least that");
	api_free(r);
	r = get("/api/movies?language=%s&genre=%s&min_rating=6&year_from=1992&sort=year_desc",
	    fx_lang(), gb);
	is_int((long long)jnum(r->json, "total_results"), 4, "filters combine");
	ok(ordered(r->json, "release_year", 1), "combined filters: year_desc order");
	api_free(r);
}

static void
test_list_paging(void)
{
	struct api_resp	*r;
	long long	 seen[NFX * 2];
	int		 n = 0, page, i, j, dup = 0, totals = 1;

	for (page = 1; page <= 4; page++) {
		r = get("/api/movies?language=%s&per_page=3&page=%d&sort=title_asc", fx_lang(), page);
		totals &= jnum(r->json, "total_results") == NFX && jnum(r->json, "total_pages") == 4;
		for (i = 0; i < jsize(r->json, "results") && n < NFX * 2; i++) {
			char	 p[32];

			snprintf(p, sizeof(p), "results.%d.id", i);
			seen[n++] = (long long)jnum(r->json, p);
		}
		api_free(r);
	}
	ok(totals, "paging: the same totals on every page");
	is_int(n, NFX, "paging: four pages hold every movie once");
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			dup |= seen[i] == seen[j];
	ok(!dup, "paging: no movie twice");
	r = get("/api/movies?language=%s&per_page=3&page=9", fx_lang());
	is_int(r->status, 200, "a page past the end: 200");
	is_int(jsize(r->json, "results"), 0, "a page past the end: empty");
	is_int((long long)jnum(r->json, "total_results"), NFX, "a page past the end: true total");
	is_int((long long)jnum(r->json, "total_pages"), 4, "a page past the end: true pages");
	api_free(r);
}

static void
test_list_errors(void)
{
	static const struct {
		const char	*query, *field;
	} bad[] = {
		{ "sort=best", "sort" }, { "sort=", "sort" }, { "page=0", "page" },
		{ "page=abc", "page" }, { "page=", "page" }, { "per_page=101", "per_page" },
		{ "per_page=0", "per_page" }, { "year=abc", "year" }, { "year_from=19x", "year_from" },
		{ "year_to=", "year_to" }, { "min_rating=11", "min_rating" },
		{ "min_rating=-1", "min_rating" }, { "min_rating=x", "min_rating" },
		{ "genre=", "genre" }, { "genre=,", "genre" }, { "genre=a,,b", "genre" },
		{ "genre=a,b,c,d,e", "genre" }, { "language=", "language" },
		{ "language=abcdefghi", "language" },
	};
	struct api_resp	*r;
	char		 name[128];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = get("/api/movies?%s", bad[i].query);
		snprintf(name, sizeof(name), "/movies?%s is 400", bad[i].query);
		is_error(r, 400, "bad_request", name);
		ok(jstr(r->json, "message") != NULL && jget(r->json, "fields") != NULL &&
		    jstr(r->json, (snprintf(name, sizeof(name), "fields.%s", bad[i].field), name)) != NULL,
		    "/movies?%s names %s in fields", bad[i].query, bad[i].field);
		api_free(r);
	}
	r = get("/api/movies/popular?limit=51");
	is_error(r, 400, "bad_request", "popular?limit=51");
	ok(jstr(r->json, "fields.limit") != NULL, "popular: fields.limit");
	api_free(r);
	r = get("/api/movies/popular?limit=0");
	is_error(r, 400, "bad_request", "popular?limit=0");
	api_free(r);
}

static void
test_popular(void)
{
	struct api_resp	*r;

	r = get("/api/movies/popular?limit=5");
	is_int(r->status, 200, "popular: 200");
	ok(cJSON_IsTrue(jget(r->json, "success")), "popular: success");
	is_int(jsize(r->json, "results"), 5, "popular: limit=5 gives 5");
	ok(ordered(r->json, "popularity", 1), "popular: by popularity descending");
	ok(jget(r->json, "page") == NULL && jget(r->json, "total_results") == NULL,
	    "popular: not paged");
	api_free(r);
	r = api_get("/api/v1/movies/popular", NULL);
	ok(jsize(r->json, "results") >= NFX && jsize(r->json, "results") <= 20,
	    "popular: 20 by default (%d)", jsize(r->json, "results"));
	api_free(r);
}

static void
detail_setup(void)
{
	char	 name[128];

	detail_id = fx_movie("Detail Movie", "What happens.", 2001, 8.3, 1234, 77.5, 142, ga);
	snprintf(name, sizeof(name), "Actor One %s", api_unique());
	actor1 = fx_person(name, "/one.jpg");
	snprintf(name, sizeof(name), "Actor Two %s", api_unique());
	actor2 = fx_person(name, NULL);
	snprintf(name, sizeof(name), "Director %s", api_unique());
	director = fx_person(name, "https://img.example/d.jpg");
	fx_cast(detail_id, actor2, "Sidekick", 1);
	fx_cast(detail_id, actor1, "Hero", 0);
	fx_crew(detail_id, director, "Director");
	fx_crew(detail_id, actor1, "Writer");
}

static void
check_summary(const cJSON *d, const char *what)
{
	static const char *const keys[] = {
		"id", "title", "description", "overview", "release_year", "genre", "genres",
		"rating", "vote_count", "popularity", "poster_url", "banner_url", "duration",
		"language", "created_at", "updated_at",
	};
	size_t	 i;
	int	 all = 1;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (cJSON_GetObjectItem(d, keys[i]) == NULL) {
			diag("%s: %s is missing", what, keys[i]);
			all = 0;
		}
	ok(all, "%s: every summary field is there", what);
}

static void
test_detail(void)
{
	struct api_resp	*r;
	const cJSON	*d;
	char		 path[64], h[256];
	long long	 bare;

	snprintf(path, sizeof(path), "/api/movies/%lld", detail_id);
	r = api_get(path, NULL);
	is_int(r->status, 200, "detail: 200");
	d = jget(r->json, "data");
	check_summary(d, "detail");
	is_num(jnum(d, "id"), (double)detail_id, 0, "detail: id");
	is_str(jstr(d, "title"), "Detail Movie", "detail: title");
	is_str(jstr(d, "description"), "What happens.", "detail: description");
	is_str(jstr(d, "overview"), "What happens.", "detail: overview = description");
	is_num(jnum(d, "release_year"), 2001, 0, "detail: release_year");
	is_str(jstr(d, "genre"), ga, "detail: genre");
	is_str(jstr(d, "genres.0"), ga, "detail: genres");
	is_num(jnum(d, "rating"), 8.3, 0.001, "detail: rating");
	is_num(jnum(d, "vote_count"), 1234, 0, "detail: vote_count");
	is_num(jnum(d, "popularity"), 77.5, 0.001, "detail: popularity");
	is_str(jstr(d, "poster_url"), "https://img.example/p.jpg", "detail: poster_url");
	ok(cJSON_IsNull(jget(d, "banner_url")), "detail: banner_url null");
	is_num(jnum(d, "duration"), 142, 0, "detail: duration");
	is_str(jstr(d, "language"), fx_lang(), "detail: language");
	ok(jstr(d, "created_at") && strlen(jstr(d, "created_at")) == 20 &&
	    jstr(d, "created_at")[19] == 'Z', "detail: created_at is ISO 8601 UTC");
	is_int(jsize(d, "cast"), 2, "detail: two cast members");
	is_num(jnum(d, "cast.0.id"), (double)actor1, 0, "detail: cast in billing order");
	ok(jstr(d, "cast.0.name") && strncmp(jstr(d, "cast.0.name"), "Actor One", 9) == 0,
	    "detail: cast name");
	is_str(jstr(d, "cast.0.character"), "Hero", "detail: cast character");
	is_str(jstr(d, "cast.0.profile_url"), "https://image.tmdb.org/t/p/w185/one.jpg",
	    "detail: profile_url from the profile path");
	is_num(jnum(d, "cast.0.order"), 0, 0, "detail: cast order");
	ok(cJSON_IsNull(jget(d, "cast.1.profile_url")), "detail: no profile, null profile_url");
	is_int(jsize(d, "directors"), 1, "detail: one director");
	is_num(jnum(d, "directors.0.id"), (double)director, 0, "detail: director id");
	ok(jstr(d, "directors.0.name") != NULL, "detail: director name");
	ok(jsize(d, "similar_movies") >= 0, "detail: similar_movies is an array");
	ok(cJSON_IsNull(jget(d, "video_url")), "detail: no video_url without a subscription");
	ok(jget(d, "user_state") == NULL, "detail: no user_state anonymously");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "public, max-age=60",
	    "detail: public cache");
	ok(api_header(r, "ETag", h, sizeof(h)) != NULL && h[0] == '"', "detail: ETag");
	api_free(r);

	bare = fx_movie("Bare", NULL, 0, -1, 0, 0, 0, NULL);
	snprintf(path, sizeof(path), "/api/movies/%lld", bare);
	r = api_get(path, NULL);
	d = jget(r->json, "data");
	ok(cJSON_IsNull(jget(d, "description")) && cJSON_IsNull(jget(d, "overview")),
	    "unknown description: null");
	ok(cJSON_IsNull(jget(d, "release_year")), "unknown year: null");
	ok(cJSON_IsNull(jget(d, "rating")), "unknown rating: null");
	ok(cJSON_IsNull(jget(d, "duration")), "unknown duration: null");
	ok(cJSON_IsNull(jget(d, "genre")) && jsize(d, "genres") == 0, "no genres: null and []");
	is_int(jsize(d, "cast"), 0, "no cast: []");
	is_int(jsize(d, "directors"), 0, "no directors: []");
	api_free(r);

	r = api_get("/api/movies/999999999999", NULL);
	is_error(r, 404, "not_found", "detail of no movie: 404");
	api_free(r);
	r = api_get("/api/movies/999999999999/credits", NULL);
	is_error(r, 404, "not_found", "credits of no movie: 404");
	api_free(r);
}

static void
test_credits(void)
{
	struct api_resp	*r;
	char		 path[64];

	snprintf(path, sizeof(path), "/api/movies/%lld/credits", detail_id);
	r = api_get(path, NULL);
	is_int(r->status, 200, "credits: 200");
	ok(cJSON_IsTrue(jget(r->json, "success")), "credits: success");
	is_num(jnum(r->json, "id"), (double)detail_id, 0, "credits: id");
	is_int(jsize(r->json, "cast"), 2, "credits: cast");
	is_num(jnum(r->json, "cast.0.id"), (double)actor1, 0, "credits: cast.id");
	ok(jstr(r->json, "cast.0.name") != NULL, "credits: cast.name");
	is_str(jstr(r->json, "cast.0.character"), "Hero", "credits: cast.character");
	is_str(jstr(r->json, "cast.0.profile_path"), "/one.jpg", "credits: cast.profile_path");
	is_str(jstr(r->json, "cast.0.profile_url"), "https://image.tmdb.org/t/p/w185/one.jpg",
	    "credits: cast.profile_url");
	is_num(jnum(r->json, "cast.0.order"), 0, 0, "credits: cast.order");
	is_num(jnum(r->json, "cast.1.order"), 1, 0, "credits: second cast.order");
	ok(cJSON_IsNull(jget(r->json, "cast.1.profile_path")), "credits: no profile_path, null");
	is_int(jsize(r->json, "crew"), 2, "credits: crew");
	is_str(jstr(r->json, "crew.0.job"), "Director", "credits: directors first");
	is_num(jnum(r->json, "crew.0.id"), (double)director, 0, "credits: crew.id");
	is_str(jstr(r->json, "crew.1.job"), "Writer", "credits: other jobs");
	ok(jstr(r->json, "crew.1.name") != NULL, "credits: crew.name");
	api_free(r);
}

/* GET /languages: the fixtures' language, with their number, among the catalog's. */
static void
test_languages(void)
{
	struct api_resp	*r = get("/api/languages");
	const cJSON	*l, *arr = jget(r->json, "results");
	int		 found = 0, ordered = 1;
	double		 prev = 1e18;

	is_int(r->status, 200, "GET /languages: 200");
	cJSON_ArrayForEach(l, arr) {
		if (jstr(l, "code") && strcmp(jstr(l, "code"), fx_lang()) == 0) {
			found = 1;
			is_num(jnum(l, "movie_count"), (double)db_count("SELECT COUNT(*) FROM movies"
			    " WHERE language = '%s'", fx_lang()), 0,
			    "languages: the fixtures' language counts its movies");
		}
		if (jnum(l, "movie_count") > prev)
			ordered = 0;
		prev = jnum(l, "movie_count");
	}
	ok(found, "languages: the fixtures' language is listed");
	ok(ordered, "languages: most movies first");
	{
		char	 h[128];

		ok(api_header(r, "Cache-Control", h, sizeof(h)) && strncmp(h, "public", 6) == 0,
		    "languages: a public catalog answer (%s)", h);
	}
	api_free(r);
}

static void
test_genres(void)
{
	struct api_resp	*r;
	const cJSON	*g;
	int		 found = 0, sorted = 1;
	const char	*prev = NULL;

	r = api_get("/api/genres", NULL);
	is_int(r->status, 200, "genres: 200");
	ok(jget(r->json, "page") == NULL, "genres: not paged");
	cJSON_ArrayForEach(g, jget(r->json, "results")) {
		if (jstr(g, "name") && strcmp(jstr(g, "name"), ga) == 0) {
			found = 1;
			is_num(jnum(g, "movie_count"), 8, 0, "genres: movie_count of a fixture genre");
			ok(jnum(g, "id") > 0, "genres: id");
		}
		if (prev && jstr(g, "name") && strcasecmp(prev, jstr(g, "name")) > 0)
			sorted = 0;
		prev = jstr(g, "name");
	}
	ok(found, "genres: the fixture genre is listed");
	ok(sorted, "genres: by name");
	api_free(r);
}

/* The total of GET /movies?genre=..., -1 when not 200. */
static long long
genre_total(const char *genre)
{
	struct api_resp	*r = get("/api/movies?per_page=1&genre=%s", genre);
	long long	 n = r->status == 200 ? (long long)jnum(r->json, "total_results") : -1;

	api_free(r);
	return n;
}

/* Genres by any spelling: MovieLens' and TMDB's names, any case, as search text. */
static void
test_genre_synonyms(void)
{
	static const struct {
		const char	*stored, *other;
	} same[] = {
		{ "Sci-Fi", "Science%20Fiction" }, { "Sci-Fi", "science%20fiction" },
		{ "Sci-Fi", "SCI-FI" }, { "Sci-Fi", "sci%20fi" }, { "Sci-Fi", "SciFi" },
		{ "Children", "Family" }, { "Children", "family" }, { "Musical", "Music" },
		{ "Film-Noir", "film%20noir" }, { "Sci-Fi,Children", "Science%20Fiction,%20Family" },
	};
	struct api_resp	*r;
	const cJSON	*g, *a;
	size_t		 i;
	long long	 n;
	int		 scifi = 0, science = 0, alias = 0;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		n = genre_total(same[i].stored);
		ok(n > 0 && genre_total(same[i].other) == n, "genre=%s finds what genre=%s finds "
		    "(%lld)", same[i].other, same[i].stored, n);
	}
	r = get("/api/movies?genre=Science%%20Fiction&per_page=100");
	ok(all_have_genre(r->json, "Sci-Fi"), "each is stored as Sci-Fi");
	api_free(r);
	is_int(genre_total("Sciencefiction"), 0, "a spelling nobody uses finds nothing");

	r = api_get("/api/genres", NULL);
	cJSON_ArrayForEach(g, jget(r->json, "results")) {
		if (strcmp(jstr(g, "name"), "Sci-Fi") == 0) {
			scifi++;
			cJSON_ArrayForEach(a, cJSON_GetObjectItem(g, "aliases"))
				if (cJSON_IsString(a) && strcmp(a->valuestring, "Science Fiction") == 0)
					alias = 1;
		}
		if (strcmp(jstr(g, "name"), "Science Fiction") == 0)
			science++;
		if (!cJSON_IsArray(cJSON_GetObjectItem(g, "aliases")))
			alias = -100;
	}
	is_int(scifi, 1, "genres: Sci-Fi listed once");
	is_int(science, 0, "genres: no second entry under TMDB's name");
	is_int(alias, 1, "genres: Sci-Fi's aliases name Science Fiction (every genre has aliases)");
	api_free(r);
}

static void
test_caching(void)
{
	struct api_resp	*r;
	char		 path[64], etag[128], inm[160], h[256];
	const char	*tok;

	snprintf(path, sizeof(path), "/api/movies/%lld", detail_id);
	r = api_get(path, NULL);
	if (api_header(r, "ETag", etag, sizeof(etag)) == NULL)
		etag[0] = '\0';
	api_free(r);
	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	{
		const char	*hdr[] = { inm, NULL };

		r = api_req("GET", path, NULL, NULL, hdr);
		is_int(r->status, 304, "If-None-Match with the ETag: 304");
		is_int((long long)r->len, 0, "304 has no body");
		api_free(r);
	}
	{
		const char	*hdr[] = { "If-None-Match: \"nope\"", NULL };

		r = api_req("GET", path, NULL, NULL, hdr);
		is_int(r->status, 200, "another ETag: 200");
		api_free(r);
	}
	r = get("/api/movies?language=%s", fx_lang());
	ok(api_header(r, "ETag", h, sizeof(h)) != NULL, "/movies: ETag");
	ok(api_header(r, "Cache-Control", h, sizeof(h)) && strncmp(h, "public, max-age=", 16) == 0,
	    "/movies: public cache");
	api_free(r);
	r = api_get("/api/genres", NULL);
	ok(api_header(r, "ETag", h, sizeof(h)) != NULL, "/genres: ETag");
	api_free(r);
	r = api_get("/api/movies?sort=bad", NULL);
	ok(api_header(r, "ETag", h, sizeof(h)) == NULL, "an error has no ETag");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "no-store", "an error is not cached");
	api_free(r);

	if ((tok = api_new_user("cat", NULL)) == NULL) {
		ok(0, "a user to ask with a token");
		return;
	}
	r = api_get(path, tok);
	is_int(r->status, 200, "detail with a token: 200");
	is_str(api_header(r, "Cache-Control", h, sizeof(h)), "private, no-store",
	    "detail with a token: private, no-store");
	ok(jget(r->json, "data.user_state") != NULL, "detail with a token: user_state");
	api_free(r);
}

int
main(void)
{
	api_init();
	setup();
	prior_mean = (double)db_count("SELECT ROUND(mean * 10000) FROM rating_prior WHERE id = 1") /
	    10000;
	prior_votes = (double)db_count("SELECT votes FROM rating_prior WHERE id = 1");
	test_list_sorts();
	test_weighted_rating();
	test_vote_average();
	test_list_filters();
	test_list_paging();
	test_list_errors();
	detail_setup();	/* after the list tests: it adds movies of the run's language */
	test_popular();
	test_detail();
	test_credits();
	test_genres();
	test_languages();
	test_genre_synonyms();
	test_caching();
	return done_testing();
}
