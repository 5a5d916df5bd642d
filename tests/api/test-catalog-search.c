/* test-catalog-search.c: GET /search and /movies/search: matching, typos, ranking, paging, limits. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-fixture.h"
#include "client.h"
#include "tap.h"

/* Words of this run: "w" + a tag + api_unique(), so no other movie has them. */
static char	 w_spider[64], w_leon[64], w_god[64], w_rank[64], w_person[64], w_desc[64];
static char	 w_all[64], w_typo[64];
static long long spider, leon, godfather, r_whole, r_prefix, r_in_lo, r_in_hi, r_person,
		 r_desc, typo_movie, person_movie, desc_movie;

static void
word(char *buf, size_t len, const char *tag)
{
	snprintf(buf, len, "w%s%s", tag, api_unique());
}

static void
setup(void)
{
	char		 t[256], d[512];
	long long	 p, ids[16];
	int		 n = 0;

	word(w_spider, sizeof(w_spider), "sp");
	word(w_leon, sizeof(w_leon), "le");
	word(w_god, sizeof(w_god), "gf");
	word(w_rank, sizeof(w_rank), "rk");
	word(w_person, sizeof(w_person), "pp");
	word(w_desc, sizeof(w_desc), "ds");
	word(w_all, sizeof(w_all), "al");
	snprintf(w_typo, sizeof(w_typo), "zqxkjvbnm%s", api_unique() + strlen(api_unique()) - 4);
	snprintf(d, sizeof(d), "Every fixture says %s.", w_all);

	snprintf(t, sizeof(t), "Spider-Man: %s", w_spider);
	ids[n++] = spider = fx_movie(t, d, 2002, 7.3, 10, 60, 121, "Action");
	snprintf(t, sizeof(t), "L\xc3\xa9on %s", w_leon);
	ids[n++] = leon = fx_movie(t, d, 1994, 8.5, 10, 40, 110, "Drama");
	snprintf(t, sizeof(t), "The Godfather %s", w_god);
	ids[n++] = godfather = fx_movie(t, d, 1972, 9.2, 10, 80, 175, "Drama");
	/* Ranking: whole title, title prefix, inside the title (twice), a person, a description. */
	ids[n++] = r_whole = fx_movie(w_rank, d, 2000, 5, 10, 1, 90, "Drama");
	snprintf(t, sizeof(t), "%s Returns", w_rank);
	ids[n++] = r_prefix = fx_movie(t, d, 2001, 5, 10, 2, 90, "Drama");
	snprintf(t, sizeof(t), "Return of %s", w_rank);
	ids[n++] = r_in_lo = fx_movie(t, d, 2002, 5, 10, 3, 90, "Drama");
	snprintf(t, sizeof(t), "Revenge of %s", w_rank);
	ids[n++] = r_in_hi = fx_movie(t, d, 2003, 5, 10, 30, 90, "Drama");
	ids[n++] = r_person = fx_movie("Someone Else", d, 2004, 5, 10, 9, 90, "Drama");
	snprintf(t, sizeof(t), "Rank %s", w_rank);
	snprintf(t, sizeof(t), "Jo %s", w_rank);
	p = fx_person(t, NULL);
	fx_cast(r_person, p, "Lead", 0);
	snprintf(t, sizeof(t), "It is about %s and more.", w_rank);
	ids[n++] = r_desc = fx_movie("Something Else", t, 2005, 5, 10, 8, 90, "Drama");
	/* A long unique title word for typos, a director, a description word. */
	snprintf(t, sizeof(t), "%s Story", w_typo);
	ids[n++] = typo_movie = fx_movie(t, d, 2006, 6, 10, 5, 90, "Drama");
	ids[n++] = person_movie = fx_movie("Directed Picture", d, 2007, 6, 10, 5, 90, "Drama");
	snprintf(t, sizeof(t), "Stanley %s", w_person);
	p = fx_person(t, NULL);
	fx_crew(person_movie, p, "Director");
	snprintf(t, sizeof(t), "A plot with %s inside.", w_desc);
	ids[n++] = desc_movie = fx_movie("Plain Picture", t, 2008, 6, 10, 5, 90, "Drama");
	if (fx_reindex(ids, n) != 0)
		bail("support-reindex failed");
}

static struct api_resp *
search(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static struct api_resp *
search(const char *fmt, ...)
{
	char		 q[512], path[1024], *e = path;
	const char	*s;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	e += snprintf(path, sizeof(path), "/api/search?per_page=100&q=");
	for (s = q; *s != '\0' && e < path + sizeof(path) - 4; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
			*e++ = *s;
		else
			e += sprintf(e, "%%%02X", (unsigned char)*s);
	}
	*e = '\0';
	return api_get(path, NULL);
}

/* The rank (0-based) of movie id in the results, or -1. */
static int
rank_of(const struct api_resp *r, long long id)
{
	const cJSON	*m;
	int		 i = 0;

	cJSON_ArrayForEach(m, jget(r->json, "results")) {
		if ((long long)jnum(m, "id") == id)
			return i;
		i++;
	}
	return -1;
}

/* Search q and check that movie id is found. */
static void
finds(long long id, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
finds(long long id, const char *name, const char *fmt, ...)
{
	char		 q[512];
	va_list		 ap;
	struct api_resp	*r;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	r = search("%s", q);
	ok(r->status == 200 && rank_of(r, id) >= 0, "%s (q=%s, %ld)", name, q, r->status);
	api_free(r);
}

static void
misses(long long id, const char *name, const char *q)
{
	struct api_resp	*r = search("%s", q);

	ok(r->status == 200 && rank_of(r, id) < 0, "%s (q=%s)", name, q);
	api_free(r);
}

static void
test_matching(void)
{
	char	 q[128];

	finds(spider, "punctuation: spider man finds Spider-Man", "spider man %s", w_spider);
	finds(spider, "case: SPIDER-MAN", "SPIDER-MAN %s", w_spider);
	finds(leon, "accents: leon finds L\xc3\xa9on", "leon %s", w_leon);
	finds(leon, "accents in the query: L\xc3\xa9on", "L\xc3\x89ON %s", w_leon);
	finds(godfather, "one typo: godfater finds The Godfather", "godfater %s", w_god);
	finds(godfather, "stop words need not match: the godfather", "the godfather %s", w_god);
	finds(person_movie, "a director's name", "%s", w_person);
	finds(person_movie, "a director's full name", "stanley %s", w_person);
	finds(r_person, "a cast member's name", "jo %s", w_rank);
	finds(desc_movie, "a description word", "%s", w_desc);
	/* Typos in a long title word: missing, extra, wrong, swapped letters. */
	snprintf(q, sizeof(q), "%s", w_typo);
	memmove(q + 3, q + 4, strlen(q + 3));
	finds(typo_movie, "a letter missing", "%s", q);
	snprintf(q, sizeof(q), "%.4sx%s", w_typo, w_typo + 4);
	finds(typo_movie, "a letter too many", "%s", q);
	snprintf(q, sizeof(q), "%s", w_typo);
	q[5] = 'a';
	finds(typo_movie, "a wrong letter", "%s", q);
	snprintf(q, sizeof(q), "%s", w_typo);
	q[2] = w_typo[3];
	q[3] = w_typo[2];
	finds(typo_movie, "two letters swapped", "%s", q);
	snprintf(q, sizeof(q), "%s", w_typo);
	q[1] = 'a';
	q[5] = 'a';
	misses(typo_movie, "two typos find nothing", q);
	snprintf(q, sizeof(q), "%.5s", w_typo);
	finds(typo_movie, "the start of the last word (type-ahead)", "%s", q);
	snprintf(q, sizeof(q), "%.5s story", w_typo);
	misses(typo_movie, "a word start that is not the last word is not enough", q);
	snprintf(q, sizeof(q), "%s story", w_typo);
	finds(typo_movie, "every word must match: both do", "%s", q);
	snprintf(q, sizeof(q), "%s qqqqqqqqzz", w_typo);
	misses(typo_movie, "every word must match: one does not", q);
	snprintf(q, sizeof(q), "xx%s", w_desc);
	misses(desc_movie, "descriptions take no typos", q);
}

static void
test_ranking(void)
{
	struct api_resp	*r = search("%s", w_rank);
	int		 whole, prefix, lo, hi, person, desc;

	is_int(r->status, 200, "ranking: 200");
	whole = rank_of(r, r_whole);
	prefix = rank_of(r, r_prefix);
	lo = rank_of(r, r_in_lo);
	hi = rank_of(r, r_in_hi);
	person = rank_of(r, r_person);
	desc = rank_of(r, r_desc);
	is_int((long long)jnum(r->json, "total_results"), 6, "ranking: six movies match");
	is_int(whole, 0, "ranking: the whole title first");
	is_int(prefix, 1, "ranking: then the title that starts with it");
	is_int(hi, 2, "ranking: then titles holding it, the more popular first");
	is_int(lo, 3, "ranking: the less popular title after");
	is_int(person, 4, "ranking: then people, by popularity");
	is_int(desc, 5, "ranking: then descriptions");
	api_free(r);
	r = search("%s ret", w_rank);
	is_int(rank_of(r, r_prefix), 0, "a title being typed ranks first");
	api_free(r);
}

static void
test_paging_and_shapes(void)
{
	struct api_resp	*r;
	long long	 seen[64];
	int		 n = 0, page, i, j, dup = 0, totals = 1, total = -1;
	char		 path[256], p[32];

	r = search("%s", w_all);
	total = (int)jnum(r->json, "total_results");
	is_int(total, 10, "a word in ten fixtures' descriptions: ten movies");
	api_free(r);
	for (page = 1; page <= 4; page++) {
		snprintf(path, sizeof(path), "/api/search?q=%s&per_page=3&page=%d", w_all, page);
		r = api_get(path, NULL);
		totals &= jnum(r->json, "total_results") == total && jnum(r->json, "total_pages") == 4
		    && jnum(r->json, "page") == page && jnum(r->json, "per_page") == 3;
		for (i = 0; i < jsize(r->json, "results") && n < 64; i++) {
			snprintf(p, sizeof(p), "results.%d.id", i);
			seen[n++] = (long long)jnum(r->json, p);
		}
		api_free(r);
	}
	ok(totals, "search paging: the same totals on every page");
	is_int(n, total, "search paging: the pages hold every match");
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			dup |= seen[i] == seen[j];
	ok(!dup, "search paging: no movie twice");
	snprintf(path, sizeof(path), "/api/search?q=%s&page=50", w_all);
	r = api_get(path, NULL);
	is_int(jsize(r->json, "results"), 0, "search past the end: empty");
	is_int((long long)jnum(r->json, "total_results"), total, "search past the end: true total");
	api_free(r);

	snprintf(path, sizeof(path), "/api/movies/search?q=spider+man+%s", w_spider);
	r = api_get(path, NULL);
	is_int(r->status, 200, "legacy /api/movies/search: 200");
	ok(cJSON_IsTrue(jget(r->json, "success")), "legacy search: success");
	is_num(jnum(r->json, "results.0.id"), (double)spider, 0, "legacy search: results");
	ok(jstr(r->json, "results.0.title") && jget(r->json, "results.0.genres") &&
	    jget(r->json, "results.0.poster_url"), "legacy search: movie summaries");
	api_free(r);
	snprintf(path, sizeof(path), "/api/v1/search?q=spider+man+%s", w_spider);
	r = api_get(path, NULL);
	is_num(jnum(r->json, "results.0.id"), (double)spider, 0, "/api/v1/search");
	api_free(r);
}

static void
test_limits(void)
{
	struct api_resp	*r;
	char		 path[512];

	r = api_get("/api/search", NULL);
	is_error(r, 400, "bad_request", "no q: 400");
	ok(jstr(r->json, "fields.q") != NULL, "no q: fields.q");
	api_free(r);
	r = api_get("/api/search?q=", NULL);
	is_error(r, 400, "bad_request", "empty q: 400");
	ok(jstr(r->json, "fields.q") != NULL, "empty q: fields.q");
	api_free(r);
	snprintf(path, sizeof(path), "/api/search?q=%0201d", 0);
	r = api_get(path, NULL);
	is_error(r, 400, "bad_request", "q of 201 characters: 400");
	api_free(r);
	snprintf(path, sizeof(path), "/api/search?q=%0200d", 0);
	r = api_get(path, NULL);
	is_int(r->status, 200, "q of 200 characters: 200");
	api_free(r);
	r = api_get("/api/search?q=a&per_page=101", NULL);
	is_error(r, 400, "bad_request", "search per_page=101: 400");
	ok(jstr(r->json, "fields.per_page") != NULL, "search: fields.per_page");
	api_free(r);
	r = api_get("/api/search?q=a&page=0", NULL);
	is_error(r, 400, "bad_request", "search page=0: 400");
	api_free(r);
	r = api_get("/api/search?q=%21%3F%2D", NULL);
	is_int(r->status, 200, "punctuation only: 200");
	is_int(jsize(r->json, "results"), 0, "punctuation only: no results");
	is_int((long long)jnum(r->json, "total_results"), 0, "punctuation only: total 0");
	api_free(r);
	r = api_get("/api/search?q=the", NULL);
	is_int(r->status, 200, "stop words only: 200");
	api_free(r);
	r = api_get("/api/search?q=%E5%8D%83%E3%81%A8", NULL);
	is_int(r->status, 200, "another script: 200");
	api_free(r);
}

static void
test_index_follows_changes(void)
{
	char		 t[256];
	struct api_resp	*r;

	snprintf(t, sizeof(t), "Renamed %s", w_desc);
	db_do("UPDATE movies SET title = '%s', description = NULL WHERE id = %lld", t, desc_movie);
	fx_reindex(&desc_movie, 1);
	r = search("renamed %s", w_desc);
	is_int(rank_of(r, desc_movie), 0, "after a reindex the new title is found, first");
	api_free(r);
	misses(desc_movie, "and the old title is not", "plain picture");
	db_do("DELETE FROM movies WHERE id = %lld", r_desc);
	r = search("%s", w_rank);
	ok(rank_of(r, r_desc) < 0 && jnum(r->json, "total_results") == 5,
	    "a deleted movie leaves the index with it");
	api_free(r);
}

/* Whether results i0..i1-1 all have genre name, in popularity order. */
static int
genre_page(const struct api_resp *r, int i0, int i1, const char *name)
{
	const cJSON	*m, *g;
	double		 prev = 1e300;
	int		 i, found;

	for (i = i0; i < i1; i++) {
		if ((m = cJSON_GetArrayItem(jget(r->json, "results"), i)) == NULL)
			return 0;
		found = 0;
		cJSON_ArrayForEach(g, cJSON_GetObjectItem(m, "genres"))
			found |= cJSON_IsString(g) && strcmp(g->valuestring, name) == 0;
		if (!found || jnum(m, "popularity") > prev)
			return 0;
		prev = jnum(m, "popularity");
	}
	return 1;
}

/*
 * A query that names a genre (any spelling) lists that genre's movies by
 * popularity, after any title that is the query.
 */
static void
test_genre_search(void)
{
	struct api_resp	*r, *r2;
	long long	 exact, count;
	int		 i, same = 1;

	/* A movie titled "Western" that is no western, and hardly popular. */
	exact = fx_movie("Western", "A fixture.", 2001, 5, 1, 0.0001, 90, "Drama");
	if (fx_reindex(&exact, 1) != 0)
		bail("support-reindex failed");
	r = search("western");
	ok(rank_of(r, exact) >= 0 && rank_of(r, exact) < 5, "western: the title that is the query "
	    "comes first (%d)", rank_of(r, exact));
	ok(genre_page(r, rank_of(r, exact) + 1, 20, "Western") || genre_page(r, 1, 20, "Western"),
	    "western: then Westerns, most popular first");
	count = db_count("SELECT COUNT(*) FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id "
	    "WHERE g.name = 'Western'");
	ok((long long)jnum(r->json, "total_results") >= count, "western: every Western counted "
	    "(%g of %lld)", jnum(r->json, "total_results"), count);
	api_free(r);

	r = search("Sci-Fi");
	ok(genre_page(r, 0, 20, "Sci-Fi"), "Sci-Fi: the first page is Sci-Fi movies by popularity");
	r2 = search("science fiction");
	for (i = 0; i < 20; i++) {
		char	 p[32];

		snprintf(p, sizeof(p), "results.%d.id", i);
		same &= jnum(r->json, p) == jnum(r2->json, p);
	}
	ok(same, "science fiction: the same page as Sci-Fi");
	api_free(r2);
	api_free(r);
	r = search("Documentary");
	ok(genre_page(r, 0, 20, "Documentary"), "Documentary: documentaries by popularity");
	api_free(r);
	r = search("THRILLER");
	ok(genre_page(r, 0, 20, "Thriller"), "THRILLER: thrillers, any case");
	api_free(r);
	r = search("family");
	is_str(jstr(r->json, "results.0.title"), "The Family", "family: the title The Family first");
	ok(genre_page(r, 1, 20, "Children"), "family (TMDB's name): then the Children genre");
	api_free(r);
	/* A query that only contains a genre name is a plain search. */
	r = search("thriller %s", w_all);
	is_int((long long)jnum(r->json, "total_results"), 0, "a genre word among others: no genre list");
	api_free(r);
}

/*
 * MovieLens' titles with others in parentheses: the main one is the title,
 * the others are found by search (a title that is the query first).
 */
static void
test_other_titles(void)
{
	struct api_resp	*r;
	long long	 ml_leon = db_count("SELECT id FROM movies WHERE movielens_id = 293");
	long long	 seven = db_count("SELECT id FROM movies WHERE movielens_id = 47");
	char		 path[64];

	ok(ml_leon > 0 && seven > 0, "the bundled catalog has Léon and Seven");
	snprintf(path, sizeof(path), "/api/movies/%lld", ml_leon);
	r = api_get(path, NULL);
	is_str(jstr(r->json, "data.title"), "L\xc3\xa9on: The Professional", "Léon: the main title "
	    "alone, without \"(a.k.a. The Professional) (Léon)\"");
	is_str(jstr(r->json, "data.original_title"), "L\xc3\xa9on", "its original title");
	api_free(r);
	r = search("the professional");
	is_num(jnum(r->json, "results.0.id"), (double)ml_leon, 0, "an a.k.a. title that is the query "
	    "ranks first");
	api_free(r);
	r = search("leon");
	is_num(jnum(r->json, "results.0.id"), (double)ml_leon, 0, "so does the original title");
	api_free(r);
	r = search("se7en");
	is_num(jnum(r->json, "results.0.id"), (double)seven, 0, "Seven is found as Se7en");
	is_str(jstr(r->json, "results.0.title"), "Seven", "and is titled Seven");
	ok(cJSON_IsNull(jget(r->json, "results.0.original_title")), "an a.k.a. is no original "
	    "title");
	api_free(r);
	is_int(db_count("SELECT COUNT(*) FROM movies WHERE movielens_id < 10000000 AND "
	    "title LIKE '%% (%%)'"), 0, "no MovieLens title keeps a title in parentheses");
}

static void
test_caching(void)
{
	struct api_resp	*r;
	char		 path[256], etag[128], inm[160], h[128];

	snprintf(path, sizeof(path), "/api/search?q=%s", w_all);
	r = api_get(path, NULL);
	ok(api_header(r, "ETag", etag, sizeof(etag)) != NULL, "search: ETag");
	ok(api_header(r, "Cache-Control", h, sizeof(h)) && strncmp(h, "public", 6) == 0,
	    "search: public cache");
	api_free(r);
	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	{
		const char	*hdr[] = { inm, NULL };

		r = api_req("GET", path, NULL, NULL, hdr);
		is_int(r->status, 304, "search: 304 on If-None-Match");
		is_int((long long)r->len, 0, "search: 304 without a body");
		api_free(r);
	}
}

static void
test_reindex_all(void)
{
	char	 q[128];

	/* Break the index of two fixtures, then rebuild everything in bulk. */
	db_do("DELETE FROM search_terms WHERE movie_id IN (%lld, %lld)", spider, typo_movie);
	db_do("DELETE FROM search_people");
	misses(spider, "a movie with no index rows is not found", "spider man");
	ok(fx_reindex(NULL, 0) == 0, "search_reindex_all runs");
	finds(spider, "after search_reindex_all: a title", "spider man %s", w_spider);
	finds(person_movie, "after search_reindex_all: a director's name", "stanley %s", w_person);
	finds(r_person, "after search_reindex_all: a cast member's name", "jo %s", w_rank);
	finds(desc_movie, "after search_reindex_all: a description word", "%s", w_desc);
	snprintf(q, sizeof(q), "%s", w_typo);
	q[5] = 'a';
	finds(typo_movie, "after search_reindex_all: a typo", "%s", q);
	is_int(db_count("SELECT COUNT(*) FROM movies m LEFT JOIN search_titles s ON s.movie_id = m.id "
	    "WHERE s.movie_id IS NULL"), 0, "after search_reindex_all: every movie has a title row");
}

int
main(void)
{
	api_init();
	setup();
	test_matching();
	test_ranking();
	test_paging_and_shapes();
	test_limits();
	test_genre_search();
	test_other_titles();
	test_caching();
	test_index_follows_changes();
	test_reindex_all();
	return done_testing();
}
