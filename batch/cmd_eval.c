/* cmd_eval.c: streamify-batch eval: offline top-10 quality of the recommenders on MovieLens files. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "batch.h"
#include "config.h"
#include "csv.h"
#include "hex.h"
#include "options.h"
#include "recommend.h"

#define EVAL_FIELD_MAX	4096		/* bytes of one CSV field */
#define EVAL_RECORD_MAX	16384		/* bytes of one CSV record */

/* One rating of ratings.csv. */
struct rating {
	long long	 uid;		/* userId */
	uint32_t	 user;		/* dense user index */
	uint32_t	 movie;		/* dense movie index */
	float		 score;
	long long	 ts;
};

/* A string -> dense number table (open addressing), for tags and genres. */
struct intern {
	char		**key;
	uint32_t	*id;
	size_t		 cap, n;
};

/* Everything one evaluation reads. */
struct eval {
	long long	*ml_ids;	/* movieId per movie index, ascending */
	int		*year;
	size_t		 nmovies;
	struct intern	 feat;
	uint32_t	*frow, *fcol;	/* content feature triplets */
	float		*fval;
	size_t		 nf, fcap;
	struct rating	*r;
	size_t		 nr, rcap;
	size_t		 nusers;
};


/* The number of key, a new one when it was unknown. Returns (uint32_t)-1 when out of memory. */
static uint32_t
intern_get(struct intern *t, const char *key)
{
	size_t	 i;

	if (t->n * 2 >= t->cap) {
		struct intern	 g = { NULL, NULL, t->cap ? t->cap * 2 : 1024, t->n };

		if ((g.key = calloc(g.cap, sizeof(*g.key))) == NULL ||
		    (g.id = calloc(g.cap, sizeof(*g.id))) == NULL) {
			free(g.key);
			return (uint32_t)-1;
		}
		for (i = 0; i < t->cap; i++) {
			size_t	 j;

			if (t->key[i] == NULL)
				continue;
			for (j = hash_fnv1a(t->key[i], strlen(t->key[i])) & (g.cap - 1); g.key[j]; j = (j + 1) & (g.cap - 1))
				;
			g.key[j] = t->key[i];
			g.id[j] = t->id[i];
		}
		free(t->key);
		free(t->id);
		*t = g;
	}
	for (i = hash_fnv1a(key, strlen(key)) & (t->cap - 1); t->key[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->key[i], key) == 0)
			return t->id[i];
	if ((t->key[i] = strdup(key)) == NULL)
		return (uint32_t)-1;
	t->id[i] = (uint32_t)t->n++;
	return t->id[i];
}

static void
intern_free(struct intern *t)
{
	size_t	 i;

	for (i = 0; i < t->cap; i++)
		free(t->key[i]);
	free(t->key);
	free(t->id);
	memset(t, 0, sizeof(*t));
}

static int
ll_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static int
u64_cmp(const void *a, const void *b)
{
	const uint64_t	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static long
movie_index(const struct eval *e, long long ml)
{
	long long	*p = bsearch(&ml, e->ml_ids, e->nmovies, sizeof(*e->ml_ids), ll_cmp);

	return p ? (long)(p - e->ml_ids) : -1;
}

static int
feat_add(struct eval *e, uint32_t movie, const char *key, float val)
{
	uint32_t	 f;

	if (val <= 0)
		return 0;
	if ((f = intern_get(&e->feat, key)) == (uint32_t)-1)
		return -1;
	if (e->nf == e->fcap) {
		size_t	 cap = e->fcap ? e->fcap * 2 : 65536;
		void	*a = realloc(e->frow, cap * sizeof(*e->frow));
		void	*b = a ? realloc(e->fcol, cap * sizeof(*e->fcol)) : NULL;
		void	*c = b ? realloc(e->fval, cap * sizeof(*e->fval)) : NULL;

		if (a)
			e->frow = a;
		if (b)
			e->fcol = b;
		if (c == NULL)
			return -1;
		e->fval = c;
		e->fcap = cap;
	}
	e->frow[e->nf] = movie;
	e->fcol[e->nf] = f;
	e->fval[e->nf++] = val;
	return 0;
}

/*
 * Open DIR/name (lib/csv.c) with its header read. Returns NULL, said on
 * stderr, when it cannot be opened.
 */
static struct csv *
open_data(const char *dir, const char *name)
{
	char		 path[4096];
	struct csv	*c;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((c = csv_open(path, EVAL_FIELD_MAX, EVAL_RECORD_MAX)) == NULL) {
		fprintf(stderr, "eval: cannot open %s\n", path);
		return NULL;
	}
	(void)csv_read(c);	/* the header */
	return c;
}

/* The next record of c with at least n fields: 1, or 0 at the end. Malformed ones are skipped. */
static int
next_record(struct csv *c, size_t n)
{
	int	 rc;

	while ((rc = csv_read(c)) != 0)
		if (rc == 1 && csv_nfields(c) >= n)
			return 1;
	return 0;
}

/* movies.csv: movieId,title,genres; the year from the title's "(1995)". */
static int
load_movies(struct eval *e, const char *dir)
{
	struct csv	*c;
	char		 key[512], genres[EVAL_FIELD_MAX];
	size_t		 cap = 0;
	int		 rc = -1;

	if ((c = open_data(dir, "movies.csv")) == NULL)
		return -1;
	while (next_record(c, 3)) {
		const char	*t;
		size_t		 tl;

		if (e->nmovies == cap) {
			cap = cap ? cap * 2 : 16384;
			if ((e->ml_ids = realloc(e->ml_ids, cap * sizeof(*e->ml_ids))) == NULL ||
			    (e->year = realloc(e->year, cap * sizeof(*e->year))) == NULL)
				goto out;
		}
		e->ml_ids[e->nmovies] = atoll(csv_field(c, 0));
		t = csv_field(c, 1);
		tl = csv_len(c, 1);
		while (tl > 0 && isspace((unsigned char)t[tl - 1]))
			tl--;
		e->year[e->nmovies] = 0;
		if (tl >= 6 && t[tl - 1] == ')' && t[tl - 6] == '(')
			e->year[e->nmovies] = atoi(t + tl - 5);
		e->nmovies++;
	}
	/* movies.csv is sorted by movieId; make sure. */
	for (size_t i = 1; i < e->nmovies; i++)
		if (e->ml_ids[i] <= e->ml_ids[i - 1]) {
			fprintf(stderr, "eval: movies.csv is not sorted by movieId\n");
			goto out;
		}
	/* Second pass: genres and decade as features. */
	csv_close(c);
	if ((c = open_data(dir, "movies.csv")) == NULL)
		return -1;
	while (next_record(c, 3)) {
		long	 mi;
		char	*g, *save = NULL;

		if ((mi = movie_index(e, atoll(csv_field(c, 0)))) < 0)
			continue;
		snprintf(genres, sizeof(genres), "%s", csv_field(c, 2));
		for (g = strtok_r(genres, "|", &save); g; g = strtok_r(NULL, "|", &save)) {
			if (strcmp(g, "(no genres listed)") == 0)
				continue;
			snprintf(key, sizeof(key), "g:%s", g);
			if (feat_add(e, (uint32_t)mi, key, (float)config.w_genre) == -1)
				goto out;
		}
		if (e->year[mi] > 0) {
			snprintf(key, sizeof(key), "y:%d", e->year[mi] / 10);
			if (feat_add(e, (uint32_t)mi, key, (float)config.w_decade) == -1)
				goto out;
		}
	}
	rc = 0;
out:
	csv_close(c);
	return rc;
}

/* tags.csv: userId,movieId,tag,timestamp; a tag is a keyword, lower-cased, counted per movie. */
static int
load_tags(struct eval *e, const char *dir)
{
	struct csv	*c;
	char		 key[512], tag[EVAL_FIELD_MAX];
	size_t		 i;
	struct rec_csr	 m = { 0 };
	uint32_t	*rows = NULL, *cols = NULL;
	size_t		 n = 0, cap = 0;
	struct intern	 tags = { 0 };
	int		 rc = -1;

	if ((c = open_data(dir, "tags.csv")) == NULL)
		return 0;	/* optional */
	while (next_record(c, 3)) {
		long		 mi;
		char		*t;
		uint32_t	 id;

		if ((mi = movie_index(e, atoll(csv_field(c, 1)))) < 0)
			continue;
		snprintf(tag, sizeof(tag), "%s", csv_field(c, 2));
		for (t = tag; *t; t++)
			*t = (char)tolower((unsigned char)*t);
		for (t = tag; isspace((unsigned char)*t); t++)
			;
		if (*t == '\0')
			continue;
		if ((id = intern_get(&tags, t)) == (uint32_t)-1)
			goto out;
		if (n == cap) {
			cap = cap ? cap * 2 : 8192;
			if ((rows = realloc(rows, cap * sizeof(*rows))) == NULL ||
			    (cols = realloc(cols, cap * sizeof(*cols))) == NULL)
				goto out;
		}
		rows[n] = (uint32_t)mi;
		cols[n++] = id;
	}
	/* Count applications per (movie, tag): tf = 1 + ln(count). */
	if (rec_csr_build(&m, e->nmovies, tags.n ? tags.n : 1, rows, cols, NULL, n) == -1)
		goto out;
	{
		char	**names = calloc(tags.n + 1, sizeof(*names));

		if (names == NULL)
			goto out;
		for (i = 0; i < tags.cap; i++)
			if (tags.key[i])
				names[tags.id[i]] = tags.key[i];
		for (size_t r = 0; r < m.nrows; r++)
			for (i = m.ptr[r]; i < m.ptr[r + 1]; i++) {
				snprintf(key, sizeof(key), "t:%s", names[m.col[i]]);
				if (feat_add(e, (uint32_t)r, key, (float)(config.w_keyword *
				    (1 + log(m.val[i])))) == -1) {
					free(names);
					goto out;
				}
			}
		free(names);
	}
	rc = 0;
out:
	rec_csr_free(&m);
	intern_free(&tags);
	free(rows);
	free(cols);
	csv_close(c);
	return rc;
}

/* ratings.csv: userId,movieId,rating,timestamp; users numbered in order of appearance. */
static int
load_ratings(struct eval *e, const char *dir)
{
	struct csv	*c;
	long long	 last = -1;
	int		 rc = -1;

	if ((c = open_data(dir, "ratings.csv")) == NULL)
		return -1;
	while (next_record(c, 4)) {
		long		 mi;
		long long	 u;

		if ((mi = movie_index(e, atoll(csv_field(c, 1)))) < 0)
			continue;
		u = atoll(csv_field(c, 0));
		if (u != last) {
			/* ratings.csv is grouped by user. */
			e->nusers++;
			last = u;
		}
		if (e->nr == e->rcap) {
			e->rcap = e->rcap ? e->rcap * 2 : 131072;
			if ((e->r = realloc(e->r, e->rcap * sizeof(*e->r))) == NULL)
				goto out;
		}
		e->r[e->nr].uid = u;
		e->r[e->nr].user = (uint32_t)(e->nusers - 1);
		e->r[e->nr].movie = (uint32_t)mi;
		e->r[e->nr].score = (float)atof(csv_field(c, 2));
		e->r[e->nr++].ts = atoll(csv_field(c, 3));
	}
	rc = 0;
out:
	csv_close(c);
	return rc;
}

static int
rating_cmp(const void *a, const void *b)
{
	const struct rating	*x = a, *y = b;

	if (x->user != y->user)
		return (x->user > y->user) - (x->user < y->user);
	if (x->ts != y->ts)
		return (x->ts > y->ts) - (x->ts < y->ts);
	return (x->movie > y->movie) - (x->movie < y->movie);
}

/* Which of a user's ratings are held out (--split). */
enum split { SPLIT_TEMPORAL, SPLIT_RANDOM, SPLIT_LAST, SPLIT__MAX };
static const char *const split_names[SPLIT__MAX + 1] = { "temporal", "random", "last", NULL };

/*
 * splitmix64's finalizer: the hash of the random split and of the held-out
 * users (bench/recs-ease.py computes the same).
 */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A user held out of the training with --holdout-users: one in five, by hash. */
static int
heldout_user(long long uid)
{
	return mix64((uint64_t)uid) % 5 == 0;
}

/* One rating's place in the random split: the smallest keys are held out. */
struct split_key {
	uint64_t	 key;
	long long	 movie;
	size_t		 i;
};

static int
split_key_cmp(const void *a, const void *b)
{
	const struct split_key	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return (x->movie > y->movie) - (x->movie < y->movie);
}

/*
 * Split one user's n ratings r (sorted by time and movie): temporal holds
 * out the last ceil(20%), last the very last one, random the ceil(20%) of
 * smallest mix64(userId << 32 | movieId) (ties: the smaller movieId).
 * Reorders r so that the training ratings come first, still in time order,
 * and returns their number, or (size_t)-1 when out of memory.
 */
static size_t
split_user(const struct eval *e, struct rating *r, size_t n, enum split sp)
{
	struct split_key	*k = NULL;
	struct rating		*tmp = NULL;
	unsigned char		*test = NULL;
	size_t			 ntest = (n * 2 + 9) / 10, i, w;

	if (sp == SPLIT_TEMPORAL)
		return n - ntest;
	if (sp == SPLIT_LAST)
		return n - 1;
	if ((k = malloc(n * sizeof(*k))) == NULL || (tmp = malloc(n * sizeof(*tmp))) == NULL ||
	    (test = calloc(n, 1)) == NULL) {
		free(k);
		free(tmp);
		return (size_t)-1;
	}
	for (i = 0; i < n; i++) {
		k[i].movie = e->ml_ids[r[i].movie];
		k[i].key = mix64((uint64_t)r[i].uid << 32 | (uint64_t)k[i].movie);
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), split_key_cmp);
	for (i = 0; i < ntest; i++)
		test[k[i].i] = 1;
	for (w = 0, i = 0; i < n; i++)
		if (!test[i])
			tmp[w++] = r[i];
	for (i = 0; i < n; i++)
		if (test[i])
			tmp[w++] = r[i];
	memcpy(r, tmp, n * sizeof(*r));
	free(k);
	free(tmp);
	free(test);
	return n - ntest;
}

/* The models compared. */
enum model { M_POPULAR, M_CONTENT, M_KNN, M_SIMILAR, M_EASE, M_SERVICE, M__MAX };
static const char *const model_names[M__MAX] = { "popularity", "content", "item-knn",
    "similar-50", "ease-lists", "service" };

/* What the per-user loop needs. */
struct run {
	const struct eval	*e;
	size_t			*ustart;	/* per user: first rating (sorted) */
	size_t			*utrain;	/* per user: training ratings */
	uint32_t		*popular;	/* movies by training count, descending */
	size_t			 npopular;
	size_t			 k;
	size_t			 rank_nbrs;	/* of each seed's list, the first used to rank (as the API) */
	double			 w_low;		/* seed weight of a training rating below 4 */
	const uint32_t		*nrated;	/* per movie: training ratings of the fitted users */
	const unsigned char	*judged;	/* per user: counted in the metrics */
};

/* What one model's recommendations add up to, besides the metrics. */
struct tally {
	unsigned char		*covered;	/* per movie: recommended to a counted user */
	size_t			 slots;		/* top-10 slots filled for counted users */
	size_t			 rare;		/* of them, by movies with < EVAL_RARE training ratings */
};

#define EVAL_RARE	5

/*
 * Recommend k movies to user u from nb (NULL = popularity alone), topped
 * up with popular movies, and add the user to m and t when they are judged.
 */
static int
eval_user(const struct run *run, const struct rec_nbrs *nb, size_t u, struct rec_metrics *m,
    struct tally *t)
{
	const struct eval	*e = run->e;
	size_t			 a = run->ustart[u], nt = run->utrain[u], b = run->ustart[u + 1];
	size_t			 i, r, ne = 0, np = 0, nrel = 0;
	struct rec_edge		*edges = NULL;
	struct rec_seed		*seeds = NULL;
	long long		*ex = NULL, ranked[64], *rel = NULL;
	struct rec_pick		 picks[64];
	int			 rc = -1;

	if ((seeds = malloc((nt + 1) * sizeof(*seeds))) == NULL ||
	    (ex = malloc((nt + 1) * sizeof(*ex))) == NULL ||
	    (rel = malloc((b - a + 1) * sizeof(*rel))) == NULL)
		goto out;
	/* As the API: every training rating is excluded, the REC_MAX_SEEDS most recent can seed. */
	for (i = 0; i < nt; i++) {
		seeds[i].item = e->r[a + i].movie;
		seeds[i].weight = nt - i > REC_MAX_SEEDS ? 0 :
		    e->r[a + i].score >= 4 ? 1.0f : (float)run->w_low;
		ex[i] = e->r[a + i].movie;
	}
	for (i = a + nt; i < b; i++)
		if (e->r[i].score >= 4)
			rel[nrel++] = e->r[i].movie;
	if (nb != NULL) {
		size_t	 cap = 0;

		for (i = 0; i < nt; i++)
			cap += nb->cnt[seeds[i].item];
		if ((edges = malloc((cap + 1) * sizeof(*edges))) == NULL)
			goto out;
		for (i = 0; i < nt; i++) {
			uint32_t	 s = (uint32_t)seeds[i].item;

			if (seeds[i].weight <= 0)
				continue;
			for (r = 0; r < nb->cnt[s] && r < run->rank_nbrs; r++) {
				edges[ne].from = s;
				edges[ne].to = nb->idx[s * nb->k + r];
				edges[ne++].score = nb->score[s * nb->k + r];
			}
		}
		np = rec_rank(edges, ne, seeds, nt, ex, nt, run->k, picks);
		if (np == (size_t)-1)
			goto out;
	}
	for (i = 0; i < np; i++)
		ranked[i] = picks[i].item;
	/* Top up with the most popular unseen movies, as the API does. */
	qsort(ex, nt, sizeof(*ex), ll_cmp);
	for (i = 0; np < run->k && i < run->npopular; i++) {
		long long	 c = run->popular[i];
		size_t		 j;

		if (bsearch(&c, ex, nt, sizeof(*ex), ll_cmp) != NULL)
			continue;
		for (j = 0; j < np && ranked[j] != c; j++)
			;
		if (j == np)
			ranked[np++] = c;
	}
	if (!run->judged[u])
		goto done;
	rec_metrics_add(m, ranked, np, rel, nrel, run->k);
	if (nrel > 0)
		for (i = 0; i < np; i++) {
			t->covered[ranked[i]] = 1;
			t->slots++;
			t->rare += run->nrated[ranked[i]] < EVAL_RARE;
		}
done:
	rc = 0;
out:
	free(edges);
	free(seeds);
	free(ex);
	free(rel);
	return rc;
}

/* The first of the default data directories that has a ratings.csv. */
static const char *
default_dir(void)
{
	static const char *const dirs[] = {
		"data/ml-latest-small",
		DATADIR "/ml-latest-small",
	};
	struct stat	 st;
	char		 p[4096];
	size_t		 i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/ratings.csv", dirs[i]);
		if (stat(p, &st) == 0)
			return dirs[i];
	}
	return dirs[0];
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: streamify-batch eval [--data DIR] [--split temporal|random|last]\n"
	    "    [--holdout-users] [--lambda L] [--ease-items N] [--ease-min-users N]\n"
	    "    [--rank-k N] [--rank-neighbours N] [--neighbours N] [--threads N]\n"
	    "Offline evaluation on MovieLens files (movies.csv, ratings.csv, tags.csv in DIR,\n"
	    "default data/ml-latest-small). Per user, ratings sorted by time; --split says which\n"
	    "are held out: temporal (default) the last 20%% (rounded up), random 20%% chosen by a\n"
	    "hash of user and movie, last the very last rating (bench/recs-ease.py splits the\n"
	    "same way). Positives are held-out ratings >= 4.0; the models learn from the rest and\n"
	    "recommend 10 unseen movies. --holdout-users leaves one user in five (by a hash of\n"
	    "the id) out of the training and judges only them: users the batch never saw.\n"
	    "Prints precision, recall, NDCG and hit rate at 10, catalog coverage, and the share\n"
	    "of top-10 slots filled by movies with fewer than %d training ratings, for:\n"
	    "popularity; content; item-knn (item-item cosine with shrinkage); similar-50 (the\n"
	    "50 similar movies of the detail page: content blended with EASE and cosine, what\n"
	    "the service ranked from before); ease-lists (EASE's ranking lists alone); service\n"
	    "(what GET /recommendations ranks from: EASE's lists where a movie is modelled,\n"
	    "similar-50 elsewhere), each built as streamify-batch similar builds it.\n"
	    "--lambda, --ease-items, --ease-min-users and --rank-k set EASE's regularisation,\n"
	    "its item cap and user floor, and the weights kept per movie (defaults: the batch's).\n"
	    "--rank-neighbours N ranks from the first N of each seed's list only. Deterministic.\n",
	    EVAL_RARE);
}

int
cmd_eval(int argc, char *argv[])
{
	struct eval		 e;
	struct run		 run;
	struct rec_csr		 feats = { 0 }, iu = { 0 };
	struct rec_nbrs		 nb[M__MAX], cf = { 0 }, ease = { 0 };
	struct rec_content_opts	 co;
	struct rec_cf_opts	 fo;
	struct rec_ease_opts	 eo;
	const char		*dump = NULL;	/* --dump-content: content lists for bench/recs-sklearn.py */
	struct rec_metrics	 met[M__MAX];
	struct tally		 tal[M__MAX];
	uint32_t		*trow = NULL, *tcol = NULL, *nusers = NULL, *nrated = NULL;
	unsigned char		*judged = NULL;
	size_t			 ntrip = 0, i, u, mdl, ntrain = 0, njudged = 0;
	const char		*dir = NULL;
	long			 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int			 threads = ncpu > 0 ? (int)ncpu : 1, rc = 1, holdout = 0;
	enum split		 sp = SPLIT_TEMPORAL;
	size_t			 neighbours = (size_t)config.similar_k;
	double			 alpha = 0.5, t0 = clock_s(), tfit, wsimilar = REC_SIMILAR_WEIGHT;
	double			 min_event = 4;	/* as the batch: a rating below 4 is no event */
	int			 split = SPLIT_TEMPORAL;
	const struct opt	 opts[] = {
		{ "data", 'd', OPT_STR, &dir, 0, 0, NULL },
		{ "split", 's', OPT_WORD, &split, 0, 0, split_names },
		{ "holdout-users", 'H', OPT_FLAG, &holdout, 0, 0, NULL },
		{ "neighbours", 'n', OPT_SIZE, &neighbours, 1, 1000, NULL },
		{ "rank-neighbours", 'R', OPT_SIZE, &run.rank_nbrs, 1, 100000, NULL },
		{ "rank-k", 'K', OPT_SIZE, &eo.rank_k, 1, 100000, NULL },
		{ "threads", 't', OPT_INT, &threads, 1, 64, NULL },
		{ "alpha", 'a', OPT_NUM, &alpha, 0, 1, NULL },
		{ "low", 'l', OPT_NUM, &run.w_low, -10, 10, NULL },
		{ "min-event", 'm', OPT_NUM, &min_event, 0, 10, NULL },
		{ "ease-items", 'e', OPT_SIZE, &eo.max_items, 1, 1000000, NULL },
		{ "ease-min-users", 'M', OPT_SIZE, &eo.min_users, 0, 1000000, NULL },
		{ "lambda", 'L', OPT_NUM, &eo.lambda, 0, 1e12, NULL },
		{ "similar-weight", 'W', OPT_NUM, &wsimilar, 0, 1000, NULL },
		{ "dump-content", 'D', OPT_STR, &dump, 0, 0, NULL },
		OPT_END
	};

	memset(&e, 0, sizeof(e));
	memset(&run, 0, sizeof(run));
	memset(nb, 0, sizeof(nb));
	memset(met, 0, sizeof(met));
	memset(tal, 0, sizeof(tal));
	rec_ease_defaults(&eo, neighbours);
	run.w_low = 0;		/* as the API: a rating below 4 is no seed */
	if ((rc = options_parse(argc, argv, opts, OPTS_NO_OPERANDS, usage, NULL)) != -1)
		return rc;
	rc = 1;
	sp = (enum split)split;
	eo.k = neighbours;
	if (dir == NULL)
		dir = default_dir();
	if (load_movies(&e, dir) == -1 || load_tags(&e, dir) == -1 || load_ratings(&e, dir) == -1)
		goto out;
	if (e.nr == 0) {
		fprintf(stderr, "eval: no ratings in %s\n", dir);
		goto out;
	}
	/* Per user by time, then the split puts the training ratings first. */
	qsort(e.r, e.nr, sizeof(*e.r), rating_cmp);
	run.e = &e;
	run.k = 10;
	if (run.rank_nbrs == 0)
		run.rank_nbrs = 100000;		/* every weight of a list */
	if ((run.ustart = calloc(e.nusers + 1, sizeof(*run.ustart))) == NULL ||
	    (run.utrain = calloc(e.nusers + 1, sizeof(*run.utrain))) == NULL ||
	    (judged = calloc(e.nusers + 1, 1)) == NULL ||
	    (trow = malloc(e.nr * sizeof(*trow))) == NULL ||
	    (tcol = malloc(e.nr * sizeof(*tcol))) == NULL ||
	    (nusers = calloc(e.nmovies, sizeof(*nusers))) == NULL ||
	    (nrated = calloc(e.nmovies, sizeof(*nrated))) == NULL ||
	    (run.popular = malloc(e.nmovies * sizeof(*run.popular))) == NULL)
		goto oom;
	run.nrated = nrated;
	run.judged = judged;
	for (i = 0; i < e.nr; i++)
		run.ustart[e.r[i].user + 1]++;
	for (u = 0; u < e.nusers; u++)
		run.ustart[u + 1] += run.ustart[u];
	for (u = 0; u < e.nusers; u++) {
		size_t	 a = run.ustart[u], n = run.ustart[u + 1] - a;
		int	 fitted;

		if ((run.utrain[u] = split_user(&e, e.r + a, n, sp)) == (size_t)-1)
			goto oom;
		fitted = !holdout || !heldout_user(e.r[a].uid);
		judged[u] = !holdout || !fitted;
		njudged += judged[u];
		ntrain += run.utrain[u];
		if (!fitted)
			continue;
		for (i = a; i < a + run.utrain[u]; i++) {
			nrated[e.r[i].movie]++;
			if (e.r[i].score < min_event)
				continue;
			trow[ntrip] = e.r[i].movie;
			tcol[ntrip++] = (uint32_t)u;
			nusers[e.r[i].movie]++;
		}
	}
	/* Popularity: training interactions per movie, ties by movie index. */
	{
		uint64_t	*key = malloc(e.nmovies * sizeof(*key));

		if (key == NULL)
			goto oom;
		/* Sort on a packed key: count descending, then movie index. */
		for (i = 0; i < e.nmovies; i++)
			key[i] = ((uint64_t)(0xffffffffu - nusers[i]) << 32) | (uint32_t)i;
		qsort(key, e.nmovies, sizeof(*key), u64_cmp);
		for (i = 0; i < e.nmovies; i++)
			run.popular[i] = (uint32_t)(key[i] & 0xffffffffu);
		run.npopular = e.nmovies;
		free(key);
	}
	if (rec_csr_build(&feats, e.nmovies, e.feat.n ? e.feat.n : 1, e.frow, e.fcol, e.fval,
	    e.nf) == -1 ||
	    rec_csr_build(&iu, e.nmovies, e.nusers, trow, tcol, NULL, ntrip) == -1)
		goto oom;
	tfit = clock_s();
	rec_content_defaults(&co, neighbours, threads);
	fo.k = neighbours;
	fo.shrink = config.cf_shrink;
	fo.alpha = alpha;
	fo.max_user_items = 0;
	fo.threads = threads;
	if (rec_content(&feats, &co, &nb[M_CONTENT]) == -1)
		goto oom;
	if (dump != NULL) {
		FILE	*f = fopen(dump, "w");
		size_t	 r;

		if (f == NULL) {
			fprintf(stderr, "eval: cannot write %s\n", dump);
			goto out;
		}
		fprintf(f, "# content similarity of %zu movies in %.3f s\n", e.nmovies, clock_s() - tfit);
		for (i = 0; i < e.nmovies; i++) {
			fprintf(f, "%lld", e.ml_ids[i]);
			for (r = 0; r < nb[M_CONTENT].cnt[i]; r++)
				fprintf(f, " %lld:%.6f", e.ml_ids[nb[M_CONTENT].idx[i * neighbours + r]],
				    (double)nb[M_CONTENT].score[i * neighbours + r]);
			fputc('\n', f);
		}
		fclose(f);
	}
	/* As the batch: item-item cosine, EASE over it where modelled, blended with content. */
	if (rec_cf(&iu, &fo, &nb[M_KNN]) == -1 || rec_ease(&iu, &eo, &ease, &nb[M_EASE]) == -1 ||
	    rec_nbrs_init(&cf, nb[M_KNN].n, nb[M_KNN].k) == -1)
		goto oom;
	memcpy(cf.cnt, nb[M_KNN].cnt, cf.n * sizeof(*cf.cnt));
	memcpy(cf.idx, nb[M_KNN].idx, cf.n * cf.k * sizeof(*cf.idx));
	memcpy(cf.score, nb[M_KNN].score, cf.n * cf.k * sizeof(*cf.score));
	rec_nbrs_overlay(&cf, &ease);
	if (rec_blend(&nb[M_CONTENT], &cf, nusers, config.blend_users, neighbours,
	    &nb[M_SIMILAR]) == -1 ||
	    rec_rank_lists(&nb[M_SIMILAR], &nb[M_EASE], REC_SIMILAR_RANKED,
	    wsimilar, &nb[M_SERVICE]) == -1)
		goto oom;
	tfit = clock_s() - tfit;
	for (mdl = 0; mdl < M__MAX; mdl++) {
		if ((tal[mdl].covered = calloc(e.nmovies, 1)) == NULL)
			goto oom;
		for (u = 0; u < e.nusers; u++)
			if (eval_user(&run, mdl == M_POPULAR ? NULL : &nb[mdl], u, &met[mdl],
			    &tal[mdl]) == -1)
				goto oom;
		rec_metrics_done(&met[mdl]);
	}
	printf("eval: %s, %s split%s: %zu movies, %zu users (%zu judged), %zu ratings (%zu for "
	    "training), %zu content features; EASE lambda %g, up to %zu movies with %zu+ users, "
	    "%zu weights each; models fitted in %.2f s\n", dir, split_names[sp],
	    holdout ? ", held-out users" : "", e.nmovies, e.nusers, njudged, e.nr, ntrain,
	    e.feat.n, eo.lambda, eo.max_items, eo.min_users, eo.rank_k, tfit);
	printf("%-14s %7s %7s %8s %7s %7s %7s  %s\n", "model", "P@10", "R@10", "NDCG@10", "HR@10",
	    "cover", "rare<5", "users");
	for (mdl = 0; mdl < M__MAX; mdl++) {
		size_t	 c = 0;

		for (i = 0; i < e.nmovies; i++)
			c += tal[mdl].covered[i];
		printf("%-14s %7.4f %7.4f %8.4f %7.4f %7.4f %7.4f  %zu\n", model_names[mdl],
		    met[mdl].precision, met[mdl].recall, met[mdl].ndcg, met[mdl].hit,
		    (double)c / (double)e.nmovies,
		    tal[mdl].slots ? (double)tal[mdl].rare / (double)tal[mdl].slots : 0.0,
		    met[mdl].users);
	}
	printf("eval: done in %.1f s\n", clock_s() - t0);
	rc = 0;
	goto out;
oom:
	fprintf(stderr, "eval: out of memory\n");
out:
	free(e.ml_ids);
	free(e.year);
	intern_free(&e.feat);
	free(e.frow);
	free(e.fcol);
	free(e.fval);
	free(e.r);
	free(run.ustart);
	free(run.utrain);
	free(run.popular);
	free(judged);
	free(trow);
	free(tcol);
	free(nusers);
	free(nrated);
	rec_csr_free(&feats);
	rec_csr_free(&iu);
	rec_nbrs_free(&cf);
	rec_nbrs_free(&ease);
	for (mdl = 0; mdl < M__MAX; mdl++) {
		rec_nbrs_free(&nb[mdl]);
		free(tal[mdl].covered);
	}
	return rc;
}
