/* import_movielens.c: streamify-import movielens DIR: movies, links, tags and ratings of a MovieLens set. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clock.h"
#include "csv.h"
#include "db.h"
#include "db_import.h"
#include "import.h"
#include "valid.h"

#define ML_HASH_VERSION	"movielens/1"
#define ML_HALF_LIFE	(3.0 * 365.25 * 86400)	/* popularity: a rating's weight halves every 3 years */
#define ML_MAX_TAG	200			/* characters of a keyword (keywords.name) */
#define ML_MAX_TITLE	300			/* characters of movies.title and original_title */
#define ML_MAX_ALTS	1000			/* bytes of movies.alt_titles */
#define ML_MAX_GENRE	64			/* characters of genres.name */
#define ML_MIN_YEAR	1870

/* One movie of movies.csv and what the other files say about it. */
struct ml_movie {
	long long	 id;		/* movieId */
	unsigned long	 line;		/* in movies.csv */
	char		*title;		/* cleaned: no year, leading article restored */
	char		*original;	/* the first other title, not "a.k.a.": NULL = none */
	char		*alts;		/* the other titles, one per line: NULL = none */
	long long	 year;		/* 0 = unknown */
	char		*genres;	/* the genres field as read */
	long long	 tmdb;		/* 0 = none */
	char		 imdb[16];	/* "tt0114709" or "" */
	unsigned long	 link_line;	/* in links.csv, 0 = no row */
	int		 bad;		/* a row of this movie was bad: not written */
	size_t		 r0, nr;	/* its ratings in the sorted array */
	size_t		 t0, nt;	/* its tags in the aggregated array */
};

struct ml_rating {
	size_t		 movie;		/* index in the movies array */
	long long	 user;
	double		 score;
	long long	 ts;
	unsigned long	 line;
};

struct ml_tag {
	size_t		 movie;
	char		*name;		/* normalised: trimmed, single spaces, ASCII lowercase */
	long long	 count;		/* after aggregation: times applied */
	unsigned long	 line;
};

/* Everything read from the directory. */
struct ml_set {
	const char		*dir;
	struct ml_movie		*movies;
	size_t			 nmovies, capmovies;
	struct ml_rating	*ratings;
	size_t			 nratings, capratings;
	struct ml_tag		*tags;
	size_t			 ntags, captags;
	long long		 tmax;		/* the newest rating: popularity's "now" */
	char			 ratings_path[4096];
	struct imp_stats	 st;
};

/* Grow *arr (of *cap elements of size sz) to hold n + 1. Returns 0 or -1. */
static int
grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void	**p = arr, *q;
	size_t	 ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 1024;
	if ((q = realloc(*p, ncap * sz)) == NULL)
		return -1;
	*p = q;
	*cap = ncap;
	return 0;
}

static int
cmp_movie(const void *a, const void *b)
{
	const struct ml_movie	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_rating(const void *a, const void *b)
{
	const struct ml_rating	*x = a, *y = b;

	if (x->movie != y->movie)
		return x->movie < y->movie ? -1 : 1;
	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_tag(const void *a, const void *b)
{
	const struct ml_tag	*x = a, *y = b;
	int			 c;

	if (x->movie != y->movie)
		return x->movie < y->movie ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The index of movieId in the sorted movies, or -1. */
static long
find_movie(const struct ml_set *s, long long id)
{
	size_t	 lo = 0, hi = s->nmovies, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->movies[mid].id == id)
			return (long)mid;
		if (s->movies[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * Move a trailing article to the front: "Matrix, The" -> "The Matrix",
 * "Cité des enfants perdus, La" -> "La Cité des enfants perdus". Returns a
 * new string, or NULL when out of memory.
 */
static char *
front_article(const char *t)
{
	static const char *const articles[] = { "The", "A", "An", "Les", "La", "Le", "L'",
	    "Il", "Lo", "I", "Gli", "Die", "Der", "Das", "Ein", "Eine", "El", "Los", "Las",
	    "Un", "Une", "Det", "Den", "De", "Het", "O", "Os", "As", NULL };
	size_t		 n = strlen(t), alen, i;
	char		*out;

	for (i = 0; articles[i] != NULL; i++) {
		alen = strlen(articles[i]);
		if (n > alen + 2 && strncmp(t + n - alen - 2, ", ", 2) == 0 &&
		    strncmp(t + n - alen, articles[i], alen) == 0)
			break;
	}
	if (articles[i] == NULL)
		return strdup(t);
	if ((out = malloc(n + 2)) == NULL)
		return NULL;
	snprintf(out, n + 2, "%s%s%.*s", articles[i], articles[i][alen - 1] == '\'' ? "" : " ",
	    (int)(n - alen - 2), t);
	return out;
}

#define ML_MAX_OTHER	8	/* other titles kept of one movie */

/*
 * Split a MovieLens title: "Léon: The Professional (a.k.a. The Professional)
 * (Léon) (1994)" is the title "Léon: The Professional", the year 1994, the
 * original title "Léon" (the first other title without "a.k.a.") and the
 * other titles ("The Professional"). The year is the last "(YYYY)" or
 * "(YYYY-YYYY)" at the end; each other title is a group " (...)" at the end
 * before it; each part gets its trailing article in front ("Matrix, The" ->
 * "The Matrix"). Sets *title (a new string), *original and *alts (new
 * strings or NULL; alts one per line, at most ML_MAX_ALTS characters).
 * Returns 0, or -1 when out of memory (nothing is then set).
 */
static int
split_title(const char *raw, char **title, char **original, char **alts, long long *year)
{
	char		*t, *open, *end, *other[ML_MAX_OTHER], *o = NULL, *a = NULL, *f;
	size_t		 n, i, nother = 0, alen = 0;
	int		 depth, rc = -1;

	*year = 0;
	*title = *original = *alts = NULL;
	if ((t = strdup(raw)) == NULL)
		return -1;
	imp_squeeze(t, 0);
	n = strlen(t);
	if (n >= 6 && t[n - 1] == ')' && (open = strrchr(t, '(')) != NULL) {
		const char	*y = open + 1;
		size_t		 len = (size_t)(t + n - 1 - y);
		int		 ok = len >= 4;

		for (i = 0; ok && i < 4; i++)
			ok = y[i] >= '0' && y[i] <= '9';
		/* "(2006-2007)", "(2006–2007)" or "(2006-)" for series. */
		if (ok && len > 4)
			ok = y[4] == '-' || strncmp(y + 4, "\xe2\x80\x93", 3) == 0;
		if (ok) {
			*year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 +
			    (y[3] - '0');
			*open = '\0';
			imp_squeeze(t, 0);
		}
	}
	/* The other titles: " (...)" groups at the end, last first. */
	while (nother < ML_MAX_OTHER && (n = strlen(t)) > 0 && t[n - 1] == ')') {
		end = t + n - 1;
		for (open = end, depth = 0; open >= t; open--) {
			if (*open == ')')
				depth++;
			else if (*open == '(' && --depth == 0)
				break;
		}
		if (open <= t + 1 || open[-1] != ' ' || end - open < 2)
			break;
		*end = '\0';
		other[nother++] = open + 1;
		open[-1] = '\0';
		imp_squeeze(t, 0);
	}
	if ((*title = front_article(t)) == NULL)
		goto out;
	/* In the order written: the first that is no "a.k.a." is the original title. */
	for (i = nother; i-- > 0;) {
		const char	*p = other[i];
		int		 aka = strncasecmp(p, "a.k.a. ", 7) == 0;

		if (aka)
			p += 7;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			continue;
		if ((f = front_article(p)) == NULL)
			goto out;
		if (!aka && o == NULL && valid_utf8(f, strlen(f), 0) <= ML_MAX_TITLE) {
			o = f;
			continue;
		}
		n = strlen(f);
		if (valid_utf8(f, n, 0) > 0 && alen + n + 1 <= ML_MAX_ALTS) {
			char	*q = realloc(a, alen + n + 2);

			if (q == NULL) {
				free(f);
				goto out;
			}
			a = q;
			snprintf(a + alen, n + 2, "%s%s", alen ? "\n" : "", f);
			alen += n + (alen ? 1 : 0);
		}
		free(f);
	}
	*original = o;
	*alts = a;
	o = a = NULL;
	rc = 0;
out:
	if (rc != 0) {
		free(*title);
		*title = NULL;
	}
	free(o);
	free(a);
	free(t);
	return rc;
}

/* Open DIR/name as CSV and check its header. Returns NULL after a message. */
static struct csv *
open_file(struct ml_set *s, const char *name, const char *header)
{
	char		 path[4096], got[256] = "";
	struct csv	*c;
	size_t		 i;
	int		 r;

	snprintf(path, sizeof(path), "%s/%s", s->dir, name);
	if ((c = csv_open(path, IMP_MAX_FIELD, IMP_MAX_RECORD)) == NULL) {
		fprintf(stderr, "streamify-import: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if ((r = csv_read(c)) == 1)
		for (i = 0; i < csv_nfields(c); i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
			    i ? "," : "", csv_field(c, i));
	if (r != 1 || strcmp(got, header) != 0) {
		fprintf(stderr, "streamify-import: %s:1: the header is \"%s\", expected \"%s\"\n",
		    path, got, header);
		csv_close(c);
		return NULL;
	}
	return c;
}

/* A blank line (one empty field): ignored. */
static int
blank(const struct csv *c)
{
	return csv_nfields(c) == 1 && csv_len(c, 0) == 0;
}

/*
 * Read a record; reports malformed ones. Counts every record but blank
 * lines in *read when it is not NULL. Returns 1 with a usable record, 0 at
 * the end.
 */
static int
next_row(struct ml_set *s, struct csv *c, size_t want, size_t *read)
{
	int	 r;

	for (;;) {
		if ((r = csv_read(c)) == 0)
			return 0;
		if (read != NULL && !(r == 1 && blank(c)))
			(*read)++;
		if (r == -1) {
			imp_bad(&s->st, csv_name(c), csv_line(c), "%s", csv_error(c));
			continue;
		}
		if (blank(c))
			continue;
		if (csv_nfields(c) != want) {
			imp_bad(&s->st, csv_name(c), csv_line(c), "%zu fields, expected %zu",
			    csv_nfields(c), want);
			continue;
		}
		return 1;
	}
}

/* The movie a row of links, tags or ratings names, or NULL after a bad-row message. */
static struct ml_movie *
row_movie(struct ml_set *s, struct csv *c, const char *field)
{
	long long	 id;
	long		 i;

	if (valid_int(field, 1, 999999999999LL, &id) == -1) {
		imp_bad(&s->st, csv_name(c), csv_line(c), "movieId \"%.40s\" is not a positive "
		    "integer", field);
		return NULL;
	}
	if ((i = find_movie(s, id)) < 0) {
		imp_bad(&s->st, csv_name(c), csv_line(c), "movieId %lld is not in movies.csv", id);
		return NULL;
	}
	return &s->movies[i];
}

/* Mark a movie bad because of a row elsewhere, and report the row. */
static void
bad_row(struct ml_set *s, struct csv *c, struct ml_movie *m, const char *what)
{
	imp_bad(&s->st, csv_name(c), csv_line(c), "%s (movieId %lld is not imported)", what,
	    m->id);
	m->bad = 1;
}

static int
read_movies(struct ml_set *s, struct csv *c)
{
	struct ml_movie	*m;
	long long	 id, max_year;
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 i, j;

	gmtime_r(&now, &tm);
	max_year = tm.tm_year + 1900 + 10;
	while (next_row(s, c, 3, &s->st.read)) {
		const char	*title = csv_field(c, 1), *genres = csv_field(c, 2);

		if (valid_int(csv_field(c, 0), 1, 999999999999LL, &id) == -1) {
			imp_bad(&s->st, csv_name(c), csv_line(c),
			    "movieId \"%.40s\" is not a positive integer", csv_field(c, 0));
			continue;
		}
		if (grow(&s->movies, &s->capmovies, s->nmovies, sizeof(*s->movies)) == -1)
			return -1;
		m = &s->movies[s->nmovies++];
		memset(m, 0, sizeof(*m));
		m->id = id;
		m->line = csv_line(c);
		if (valid_utf8(title, csv_len(c, 1), 0) < 0 ||
		    valid_utf8(genres, csv_len(c, 2), 0) < 0) {
			imp_bad(&s->st, csv_name(c), csv_line(c), "invalid UTF-8 or a control "
			    "character in the title or genres");
			m->bad = 1;
			continue;
		}
		if (split_title(title, &m->title, &m->original, &m->alts, &m->year) == -1 ||
		    (m->genres = strdup(genres)) == NULL)
			return -1;
		if (m->title[0] == '\0' || valid_utf8(m->title, strlen(m->title), 0) >
		    ML_MAX_TITLE) {
			imp_bad(&s->st, csv_name(c), csv_line(c), "the title is empty or longer "
			    "than %d characters", ML_MAX_TITLE);
			m->bad = 1;
		} else if (m->year != 0 && (m->year < ML_MIN_YEAR || m->year > max_year)) {
			imp_bad(&s->st, csv_name(c), csv_line(c), "the year %lld is not plausible "
			    "(%d..%lld)", m->year, ML_MIN_YEAR, max_year);
			m->bad = 1;
		}
	}
	qsort(s->movies, s->nmovies, sizeof(*s->movies), cmp_movie);
	/* A movieId twice: the first row counts, the others are bad. */
	for (i = 0, j = 0; i < s->nmovies; i++) {
		if (j > 0 && s->movies[j - 1].id == s->movies[i].id) {
			imp_bad(&s->st, csv_name(c), s->movies[i].line,
			    "movieId %lld again (first on line %lu)", s->movies[i].id,
			    s->movies[j - 1].line);
			free(s->movies[i].title);
			free(s->movies[i].original);
			free(s->movies[i].alts);
			free(s->movies[i].genres);
			continue;
		}
		s->movies[j++] = s->movies[i];
	}
	s->nmovies = j;
	return 0;
}

static void
read_links(struct ml_set *s, struct csv *c)
{
	struct ml_movie	*m;
	long long	 imdb = 0, tmdb = 0;

	while (next_row(s, c, 3, NULL)) {
		if ((m = row_movie(s, c, csv_field(c, 0))) == NULL)
			continue;
		if (m->link_line != 0) {
			bad_row(s, c, m, "a second links row");
			continue;
		}
		m->link_line = csv_line(c);
		if ((csv_len(c, 1) > 0 && valid_int(csv_field(c, 1), 1, 99999999, &imdb) == -1) ||
		    (csv_len(c, 2) > 0 && valid_int(csv_field(c, 2), 1, 999999999999LL,
		    &tmdb) == -1)) {
			bad_row(s, c, m, "imdbId or tmdbId is not a positive integer");
			continue;
		}
		if (csv_len(c, 1) > 0)
			snprintf(m->imdb, sizeof(m->imdb), "tt%07lld", imdb);
		m->tmdb = csv_len(c, 2) > 0 ? tmdb : 0;
	}
}

static int
read_tags(struct ml_set *s, struct csv *c)
{
	struct ml_movie	*m;
	struct ml_tag	*t;
	long long	 v;
	long		 chars;
	char		*name;

	while (next_row(s, c, 4, NULL)) {
		if ((m = row_movie(s, c, csv_field(c, 1))) == NULL)
			continue;
		if (valid_int(csv_field(c, 0), 1, 4294967295LL, &v) == -1 ||
		    valid_int(csv_field(c, 3), 0, 4294967295LL, &v) == -1) {
			bad_row(s, c, m, "userId or timestamp is not a valid integer");
			continue;
		}
		if (valid_utf8(csv_field(c, 2), csv_len(c, 2), 1) < 0) {
			bad_row(s, c, m, "invalid UTF-8 or a control character in the tag");
			continue;
		}
		if ((name = strdup(csv_field(c, 2))) == NULL)
			return -1;
		imp_squeeze(name, 1);
		if ((chars = valid_utf8(name, strlen(name), 0)) <= 0 || chars > ML_MAX_TAG) {
			free(name);
			bad_row(s, c, m, "the tag is empty or too long");
			continue;
		}
		if (grow(&s->tags, &s->captags, s->ntags, sizeof(*s->tags)) == -1) {
			free(name);
			return -1;
		}
		t = &s->tags[s->ntags++];
		t->movie = (size_t)(m - s->movies);
		t->name = name;
		t->count = 1;
		t->line = csv_line(c);
	}
	return 0;
}

static int
read_ratings(struct ml_set *s, struct csv *c)
{
	struct ml_movie		*m;
	struct ml_rating	*r;
	long long		 user, ts;
	double			 score;

	while (next_row(s, c, 4, NULL)) {
		if ((m = row_movie(s, c, csv_field(c, 1))) == NULL)
			continue;
		if (valid_int(csv_field(c, 0), 1, 4294967295LL, &user) == -1 ||
		    valid_int(csv_field(c, 3), 0, 2147483647LL, &ts) == -1) {
			bad_row(s, c, m, "userId or timestamp is not a valid integer");
			continue;
		}
		if (valid_num(csv_field(c, 2), 0.5, 5.0, &score) == -1 ||
		    fabs(score * 2 - round(score * 2)) > 1e-9) {
			bad_row(s, c, m, "the rating is not 0.5 .. 5.0 in half stars");
			continue;
		}
		if (grow(&s->ratings, &s->capratings, s->nratings, sizeof(*s->ratings)) == -1)
			return -1;
		r = &s->ratings[s->nratings++];
		r->movie = (size_t)(m - s->movies);
		r->user = user;
		r->score = score;
		r->ts = ts;
		r->line = csv_line(c);
		if (ts > s->tmax)
			s->tmax = ts;
	}
	return 0;
}

/* Sort ratings and tags by movie, drop repeated ratings, sum tags, and link the ranges. */
static void
group_rows(struct ml_set *s)
{
	size_t	 i, j;

	qsort(s->ratings, s->nratings, sizeof(*s->ratings), cmp_rating);
	for (i = 0, j = 0; i < s->nratings; i++) {
		struct ml_rating	*r = &s->ratings[i];
		struct ml_movie		*m = &s->movies[r->movie];

		if (j > 0 && s->ratings[j - 1].movie == r->movie &&
		    s->ratings[j - 1].user == r->user) {
			imp_bad(&s->st, s->ratings_path, r->line, "user %lld rated movieId %lld "
			    "again (first on line %lu; movie not imported)", r->user, m->id,
			    s->ratings[j - 1].line);
			m->bad = 1;
			continue;
		}
		if (m->nr == 0)
			m->r0 = j;
		m->nr++;
		s->ratings[j++] = *r;
	}
	s->nratings = j;
	qsort(s->tags, s->ntags, sizeof(*s->tags), cmp_tag);
	for (i = 0, j = 0; i < s->ntags; i++) {
		struct ml_tag	*t = &s->tags[i];
		struct ml_movie	*m = &s->movies[t->movie];

		if (j > 0 && s->tags[j - 1].movie == t->movie &&
		    strcmp(s->tags[j - 1].name, t->name) == 0) {
			s->tags[j - 1].count++;
			free(t->name);
			continue;
		}
		if (m->nt == 0)
			m->t0 = j;
		m->nt++;
		s->tags[j++] = *t;
	}
	s->ntags = j;
}

static int
cmp_by_tmdb(const void *a, const void *b)
{
	const struct ml_movie *const	*x = a, *const *y = b;

	if ((*x)->tmdb != (*y)->tmdb)
		return (*x)->tmdb < (*y)->tmdb ? -1 : 1;
	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

static int
cmp_by_imdb(const void *a, const void *b)
{
	const struct ml_movie *const	*x = a, *const *y = b;
	int				 c = strcmp((*x)->imdb, (*y)->imdb);

	if (c != 0)
		return c;
	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

/*
 * tmdb_id and imdb_id are unique in movies: when links.csv gives one id to
 * two movieIds, the lower movieId keeps it and the other goes without.
 */
static int
unique_links(struct ml_set *s)
{
	struct ml_movie	**v;
	size_t		 i, n = 0;
	int		 pass;

	if (s->nmovies == 0)
		return 0;
	if ((v = calloc(s->nmovies, sizeof(*v))) == NULL)
		return -1;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0, n = 0; i < s->nmovies; i++)
			if (!s->movies[i].bad && (pass == 0 ? s->movies[i].tmdb != 0 :
			    s->movies[i].imdb[0] != '\0'))
				v[n++] = &s->movies[i];
		qsort(v, n, sizeof(*v), pass == 0 ? cmp_by_tmdb : cmp_by_imdb);
		for (i = 1; i < n; i++) {
			if (pass == 0 && v[i]->tmdb == v[i - 1]->tmdb) {
				fprintf(stderr, "streamify-import: %s/links.csv:%lu: tmdbId %lld "
				    "also belongs to movieId %lld: left out\n", s->dir,
				    v[i]->link_line, v[i]->tmdb, v[i - 1]->id);
				v[i]->tmdb = 0;
				v[i] = v[i - 1];
			} else if (pass == 1 && strcmp(v[i]->imdb, v[i - 1]->imdb) == 0) {
				fprintf(stderr, "streamify-import: %s/links.csv:%lu: imdbId %s "
				    "also belongs to movieId %lld: left out\n", s->dir,
				    v[i]->link_line, v[i]->imdb, v[i - 1]->id);
				v[i]->imdb[0] = '\0';
				v[i] = v[i - 1];
			}
		}
	}
	free(v);
	return 0;
}

/* The hash of everything read for movie m. */
static void
movie_hash(const struct ml_set *s, const struct ml_movie *m, char out[65])
{
	struct imp_hash	*h = imp_hash_new(ML_HASH_VERSION);
	size_t		 i;

	imp_hash_int(h, m->id);
	imp_hash_str(h, m->title);
	/* Only when there are some: the hash of a title without them is what it was. */
	if (m->original != NULL || m->alts != NULL) {
		imp_hash_str(h, m->original);
		imp_hash_str(h, m->alts);
	}
	imp_hash_int(h, m->year);
	imp_hash_str(h, m->genres);
	imp_hash_int(h, m->tmdb);
	imp_hash_str(h, m->imdb);
	imp_hash_int(h, (long long)m->nt);
	for (i = m->t0; i < m->t0 + m->nt; i++) {
		imp_hash_str(h, s->tags[i].name);
		imp_hash_int(h, s->tags[i].count);
	}
	imp_hash_int(h, (long long)m->nr);
	if (m->nr > 0)
		imp_hash_int(h, s->tmax);
	for (i = m->r0; i < m->r0 + m->nr; i++) {
		imp_hash_int(h, s->ratings[i].user);
		imp_hash_num(h, s->ratings[i].score);
		imp_hash_int(h, s->ratings[i].ts);
	}
	imp_hash_end(h, out);
}

/* Split the genres field into names, resolved to ids; fills m's genre fields. */
static int
movie_genres(struct db *db, struct imp_names *names, const char *field, struct imp_movie *m,
    struct imp_stats *st, const char *label)
{
	char		 buf[1024], *p, *name;
	const char	*stored;
	long long	 id;
	size_t		 i, len;

	m->ngenres = 0;
	m->genres[0] = '\0';
	if (strcmp(field, "(no genres listed)") == 0)
		return 0;
	snprintf(buf, sizeof(buf), "%s", field);
	for (p = buf; (name = strsep(&p, "|")) != NULL;) {
		imp_squeeze(name, 0);
		if (name[0] == '\0' || valid_utf8(name, strlen(name), 0) > ML_MAX_GENRE)
			continue;
		stored = imp_genre_name(name);	/* one name per genre (genre_synonyms) */
		len = strlen(m->genres);
		if (m->ngenres == IMP_MAX_GENRES || len + strlen(stored) + 2 > 500)
			break;
		if ((id = imp_name_id(db, names, stored, 1)) == 0) {
			fprintf(stderr, "streamify-import: %s: cannot store the genre \"%s\"\n",
			    label, stored);
			return -1;
		}
		/* Named twice (or in another case): once is enough. */
		for (i = 0; i < m->ngenres && m->genre_ids[i] != id; i++)
			;
		if (i < m->ngenres)
			continue;
		m->genre_ids[m->ngenres++] = id;
		snprintf(m->genres + len, sizeof(m->genres) - len, "%s%s", len ? "|" : "", stored);
	}
	(void)st;
	return 0;
}

static void
set_free(struct ml_set *s)
{
	size_t	 i;

	for (i = 0; i < s->nmovies; i++) {
		free(s->movies[i].title);
		free(s->movies[i].original);
		free(s->movies[i].alts);
		free(s->movies[i].genres);
	}
	for (i = 0; i < s->ntags; i++)
		free(s->tags[i].name);
	free(s->movies);
	free(s->ratings);
	free(s->tags);
}

int
import_movielens(struct db *db, const char *dir)
{
	static const char *const files[4] = { "movies.csv", "links.csv", "tags.csv",
	    "ratings.csv" };
	static const char *const headers[4] = { "movieId,title,genres",
	    "movieId,imdbId,tmdbId", "userId,movieId,tag,timestamp",
	    "userId,movieId,rating,timestamp" };
	struct ml_set		 s;
	struct csv		*c[4] = { NULL, NULL, NULL, NULL };
	struct imp_state	*state = NULL;
	struct imp_names	*names = NULL;
	struct imp_item		*items = NULL;
	struct imp_kw		*kws = NULL;
	struct imp_rating	*rts = NULL;
	const char		*old;
	double			 t0 = clock_s();
	size_t			 i, k, n = 0;
	int			 rc = 1, fatal = 0;

	memset(&s, 0, sizeof(s));
	s.dir = dir;
	snprintf(s.ratings_path, sizeof(s.ratings_path), "%s/ratings.csv", dir);
	/* Every file must be there with its header before anything is read. */
	for (i = 0; i < 4; i++)
		if ((c[i] = open_file(&s, files[i], headers[i])) == NULL)
			fatal = 1;
	if (fatal)
		goto out;
	if (read_movies(&s, c[0]) == -1)
		goto oom;
	read_links(&s, c[1]);
	if (read_tags(&s, c[2]) == -1 || read_ratings(&s, c[3]) == -1)
		goto oom;
	group_rows(&s);
	if (unique_links(&s) == -1)
		goto oom;

	if (db_import_state_load(db, IMP_SRC_MOVIELENS, &state) != DB_OK) {
		fprintf(stderr, "streamify-import: movielens: cannot read import_rows\n");
		goto out;
	}
	if ((items = calloc(s.nmovies + 1, sizeof(*items))) == NULL ||
	    (kws = calloc(s.ntags + 1, sizeof(*kws))) == NULL ||
	    (rts = calloc(s.nratings + 1, sizeof(*rts))) == NULL ||
	    (names = imp_names_new()) == NULL)
		goto oom;
	for (i = 0; i < s.nratings; i++) {
		rts[i].user = s.ratings[i].user;
		rts[i].score = s.ratings[i].score;
		rts[i].ts = s.ratings[i].ts;
	}
	/* New genre and keyword names are created in one transaction of their own. */
	if (db_begin(db) != DB_OK)
		goto out;
	for (i = 0; i < s.nmovies; i++) {
		struct ml_movie	*m = &s.movies[i];
		struct imp_item	*it = &items[n];
		double		 sum = 0, pop = 0;

		if (m->bad) {
			s.st.skipped++;
			continue;
		}
		movie_hash(&s, m, it->hash);
		it->key = m->id;
		it->movie_id = imp_state_find(state, m->id, &old);
		if (it->movie_id != 0 && old != NULL && strcmp(old, it->hash) == 0) {
			s.st.unchanged++;
			continue;
		}
		snprintf(it->label, sizeof(it->label), "movies.csv:%lu (movieId %lld)", m->line,
		    m->id);
		it->m.title = m->title;
		it->m.original_title = m->original;
		it->m.alt_titles = m->alts;
		it->m.year = m->year;
		it->m.movielens_id = m->id;
		it->m.tmdb_id = m->tmdb;
		it->m.imdb_id = m->imdb[0] ? m->imdb : NULL;
		if (movie_genres(db, names, m->genres, &it->m, &s.st, it->label) == -1)
			goto out;
		for (k = m->t0; k < m->t0 + m->nt; k++) {
			kws[k].weight = s.tags[k].count;
			if ((kws[k].id = imp_name_id(db, names, s.tags[k].name, 0)) == 0) {
				fprintf(stderr, "streamify-import: %s: cannot store the keyword "
				    "\"%s\"\n", it->label, s.tags[k].name);
				goto out;
			}
		}
		it->m.kw = kws + m->t0;
		it->m.nkw = m->nt;
		/* rating: mean stars * 2, one decimal; popularity: ratings decayed by age. */
		for (k = m->r0; k < m->r0 + m->nr; k++) {
			sum += s.ratings[k].score;
			pop += pow(0.5, (double)(s.tmax - s.ratings[k].ts) / ML_HALF_LIFE);
		}
		it->m.has_rating = m->nr > 0;
		it->m.rating = m->nr > 0 ? round(sum / (double)m->nr * 20.0) / 10.0 : 0;
		it->m.vote_count = (long long)m->nr;
		it->m.popularity = round(pop * 1000.0) / 1000.0;
		it->m.ratings = rts + m->r0;
		it->m.nratings = m->nr;
		n++;
	}
	if (db_commit(db) != DB_OK) {
		fprintf(stderr, "streamify-import: movielens: cannot store genres and keywords\n");
		goto out;
	}
	if (imp_write(db, IMP_SRC_MOVIELENS, items, n, &s.st) == -1)
		goto out;
	rc = s.st.bad > 0 || s.st.failed > 0 ? 1 : 0;
	goto out;
oom:
	fprintf(stderr, "streamify-import: movielens: out of memory\n");
out:
	db_rollback(db);
	if (!fatal)
		imp_summary("movielens", &s.st, clock_s() - t0);
	for (i = 0; i < 4; i++)
		csv_close(c[i]);
	imp_state_free(state);
	imp_names_free(names);
	free(items);
	free(kws);
	free(rts);
	set_free(&s);
	return rc;
}
