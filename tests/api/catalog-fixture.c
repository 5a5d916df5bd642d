/* catalog-fixture.c: fixture movies, people and genres for the catalog API tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-fixture.h"
#include "client.h"
#include "tap.h"

/* Quote s as an SQL string literal into buf ('NULL' for NULL). */
static const char *
q(char *buf, size_t len, const char *s)
{
	size_t	 i, o = 0;

	if (s == NULL)
		return "NULL";
	buf[o++] = '\'';
	for (i = 0; s[i] != '\0' && o + 3 < len; i++) {
		if (s[i] == '\'' || s[i] == '\\')
			buf[o++] = '\\';
		buf[o++] = s[i];
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

const char *
fx_lang(void)
{
	static char	 lang[9];
	const char	*u = api_unique();
	size_t		 n = strlen(u);

	if (lang[0] == '\0')
		snprintf(lang, sizeof(lang), "z%s", n > 7 ? u + n - 7 : u);
	return lang;
}

long long
fx_movie(const char *title, const char *desc, int year, double rating, int votes,
    double popularity, int duration, const char *genres)
{
	char		 qt[1024], qd[4096], qg[512], qn[256], ys[16], rs[16], ds[16];
	char		 gbuf[512], *g, *bar;
	long long	 id;
	int		 pos = 0;

	snprintf(ys, sizeof(ys), year ? "%d" : "NULL", year);
	snprintf(rs, sizeof(rs), rating >= 0 ? "%.1f" : "NULL", rating);
	snprintf(ds, sizeof(ds), duration ? "%d" : "NULL", duration);
	if (db_do("INSERT INTO movies (title, description, release_year, genres, rating, "
	    "vote_count, popularity, poster_url, banner_url, duration, language) VALUES "
	    "(%s, %s, %s, %s, %s, %d, %f, 'https://img.example/p.jpg', NULL, %s, '%s')",
	    q(qt, sizeof(qt), title), q(qd, sizeof(qd), desc), ys, q(qg, sizeof(qg), genres ? genres : ""),
	    rs, votes, popularity, ds, fx_lang()) != 0)
		bail("fx_movie: insert %s", title);
	id = db_count("SELECT MAX(id) FROM movies WHERE title = %s", q(qt, sizeof(qt), title));
	snprintf(gbuf, sizeof(gbuf), "%s", genres ? genres : "");
	for (g = gbuf; g != NULL && *g != '\0'; g = bar) {
		if ((bar = strchr(g, '|')) != NULL)
			*bar++ = '\0';
		q(qn, sizeof(qn), g);
		if (db_do("INSERT IGNORE INTO genres (name) VALUES (%s)", qn) != 0 ||
		    db_do("INSERT INTO movie_genres (movie_id, genre_id, position) SELECT %lld, id, %d "
		    "FROM genres WHERE name = %s", id, pos++, qn) != 0)
			bail("fx_movie: genre %s", g);
	}
	return id;
}

long long
fx_person(const char *name, const char *profile_path)
{
	char	 qn[512], qp[512];

	if (db_do("INSERT INTO people (name, profile_path) VALUES (%s, %s)",
	    q(qn, sizeof(qn), name), q(qp, sizeof(qp), profile_path)) != 0)
		bail("fx_person: %s", name);
	return db_count("SELECT MAX(id) FROM people WHERE name = %s", q(qn, sizeof(qn), name));
}

void
fx_cast(long long movie, long long person, const char *character, int order)
{
	char	 qc[512];

	if (db_do("INSERT INTO movie_cast (movie_id, person_id, character_name, cast_order) "
	    "VALUES (%lld, %lld, %s, %d)", movie, person, q(qc, sizeof(qc), character), order) != 0)
		bail("fx_cast");
}

void
fx_crew(long long movie, long long person, const char *job)
{
	char	 qj[128];

	if (db_do("INSERT INTO movie_crew (movie_id, person_id, job) VALUES (%lld, %lld, %s)",
	    movie, person, q(qj, sizeof(qj), job)) != 0)
		bail("fx_crew");
}

int
fx_reindex(const long long *ids, int n)
{
	char		 cmd[8192];
	const char	*dir = getenv("STREAMIFY_BUILDDIR");
	size_t		 o;
	int		 i;

	o = (size_t)snprintf(cmd, sizeof(cmd), "%s/tests/api/support-reindex", dir ? dir : ".");
	for (i = 0; i < n && o < sizeof(cmd) - 24; i++)
		o += (size_t)snprintf(cmd + o, sizeof(cmd) - o, " %lld", ids[i]);
	api_external_write();
	return system(cmd) == 0 ? 0 : -1;
}
