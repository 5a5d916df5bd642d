/* cmd_similar.c: streamify-batch similar: the similar-movie lists, written as a new generation. */
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "batch.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "options.h"
#include "progress.h"
#include "recommend.h"

#define SIM_LOCK	"streamify.similar"	/* GET_LOCK name: one run at a time */
#define SIM_PARTITIONS	4	/* movie_similar's partitions: generation_id MOD 4 (sql/090) */
#define SIM_TOP_CAST	5			/* cast members of a movie used as features */
#define SIM_ROWS_STMT	1000			/* rows per INSERT */
#define SIM_STMTS_TX	50			/* INSERTs per transaction */

/* Feature groups: the top 8 bits of a feature key. */
enum sim_group { G_GENRE = 1, G_KEYWORD, G_CAST, G_DIRECTOR, G_LANGUAGE, G_DECADE };

/* A growable list of (key, movie, weight) before features get dense numbers. */
struct trip {
	uint64_t	*key;
	uint32_t	*row;
	float		*val;
	size_t		 n, cap;
};

/* What one run loads and computes. */
struct sim {
	struct db	*db;
	long long	*ids;		/* movie ids, ascending */
	size_t		 n;
	struct trip	 feats;		/* (feature key, movie index, weight) */
	struct trip	 events;	/* (user key, movie index, 1) */
	size_t		 ml_events;	/* of them from MovieLens users */
	int		 quiet;
};

static int
trip_add(struct trip *t, uint64_t key, uint32_t row, float val)
{
	if (t->n == t->cap) {
		size_t	 cap = t->cap ? t->cap * 2 : 4096;
		void	*a, *b, *c;

		if ((a = realloc(t->key, cap * sizeof(*t->key))) != NULL)
			t->key = a;
		if ((b = realloc(t->row, cap * sizeof(*t->row))) != NULL)
			t->row = b;
		if ((c = realloc(t->val, cap * sizeof(*t->val))) != NULL)
			t->val = c;
		if (a == NULL || b == NULL || c == NULL)
			return -1;
		t->cap = cap;
	}
	t->key[t->n] = key;
	t->row[t->n] = row;
	t->val[t->n++] = val;
	return 0;
}

static void
trip_free(struct trip *t)
{
	free(t->key);
	free(t->row);
	free(t->val);
	memset(t, 0, sizeof(*t));
}

static int
u64_cmp(const void *a, const void *b)
{
	const uint64_t	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static int
ll_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/*
 * Give the keys of t dense column numbers 0..ncols-1 (in key order) and
 * build the CSR matrix rows x columns. Returns 0 or -1.
 */
static int
trip_matrix(const struct trip *t, size_t nrows, struct rec_csr *out, size_t *ncols)
{
	uint64_t	*u = NULL;
	uint32_t	*cols = NULL;
	size_t		 i, m = 0;
	int		 rc = -1;

	if ((u = malloc((t->n ? t->n : 1) * sizeof(*u))) == NULL ||
	    (cols = malloc((t->n ? t->n : 1) * sizeof(*cols))) == NULL)
		goto out;
	if (t->n)
		memcpy(u, t->key, t->n * sizeof(*u));
	qsort(u, t->n, sizeof(*u), u64_cmp);
	for (i = 0; i < t->n; i++)
		if (m == 0 || u[m - 1] != u[i])
			u[m++] = u[i];
	for (i = 0; i < t->n; i++)
		cols[i] = (uint32_t)((uint64_t *)bsearch(&t->key[i], u, m, sizeof(*u),
		    u64_cmp) - u);
	*ncols = m;
	rc = rec_csr_build(out, nrows, m, t->row, cols, t->val, t->n);
out:
	free(u);
	free(cols);
	return rc;
}

/* The index of movie id, or -1 when it is not in the catalog we read. */
static long
movie_index(const struct sim *s, long long id)
{
	long long	*p = bsearch(&id, s->ids, s->n, sizeof(*s->ids), ll_cmp);

	return p ? (long)(p - s->ids) : -1;
}

static uint64_t
fkey(enum sim_group g, uint64_t raw)
{
	return ((uint64_t)g << 56) | (raw & ((1ULL << 56) - 1));
}

/* Read (movie_id, feature id[, times]) rows of stmt as features of group g with weight w. */
static int
load_pairs(struct sim *s, enum stmt_id stmt, enum sim_group g, double w, int counted,
    long long arg)
{
	struct db_res	*res = NULL;
	long		 mi;
	int		 rc;

	if (w <= 0)
		return 0;
	rc = arg ? db_exec(s->db, stmt, &res, "i", arg) : db_exec(s->db, stmt, &res, "");
	if (rc != DB_OK)
		return -1;
	while ((rc = db_next(res)) == 1) {
		double	 tf = 1;

		if ((mi = movie_index(s, db_int(res, 0))) < 0)
			continue;
		if (counted && db_int(res, 2) > 1)
			tf = 1 + log((double)db_int(res, 2));
		if (trip_add(&s->feats, fkey(g, (uint64_t)db_int(res, 1)), (uint32_t)mi,
		    (float)(w * tf)) == -1) {
			rc = -1;
			break;
		}
	}
	db_res_free(res);
	return rc == 0 ? 0 : -1;
}

/* Read the movies and their content features. Returns 0 or -1 (logged). */
static int
load_catalog(struct sim *s)
{
	struct db_res	*res = NULL;
	size_t		 cap = 0;
	int		 rc;

	if (db_exec(s->db, STMT_RECS_MOVIES, &res, "") != DB_OK)
		return -1;
	cap = db_rows(res);
	if ((s->ids = malloc((cap ? cap : 1) * sizeof(*s->ids))) == NULL) {
		db_res_free(res);
		log_error("load_catalog: out of memory");
		return -1;
	}
	while ((rc = db_next(res)) == 1 && s->n < cap) {
		const char	*lang = db_str(res, 2);
		uint32_t	 mi = (uint32_t)s->n;

		s->ids[s->n++] = db_int(res, 0);
		if (!db_isnull(res, 1) && db_int(res, 1) > 0 && config.w_decade > 0)
			trip_add(&s->feats, fkey(G_DECADE, (uint64_t)(db_int(res, 1) / 10)), mi,
			    (float)config.w_decade);
		if (lang != NULL && *lang != '\0' && config.w_language > 0) {
			uint64_t	 raw = 0;
			size_t		 i;

			for (i = 0; lang[i] != '\0' && i < 7; i++)
				raw = raw << 8 | (unsigned char)lang[i];
			trip_add(&s->feats, fkey(G_LANGUAGE, raw), mi, (float)config.w_language);
		}
	}
	db_res_free(res);
	if (rc < 0)
		return -1;
	if (load_pairs(s, STMT_RECS_GENRES, G_GENRE, config.w_genre, 0, 0) == -1 ||
	    load_pairs(s, STMT_RECS_KEYWORDS, G_KEYWORD, config.w_keyword, 1, 0) == -1 ||
	    load_pairs(s, STMT_RECS_CAST, G_CAST, config.w_cast, 0, SIM_TOP_CAST) == -1 ||
	    load_pairs(s, STMT_RECS_DIRECTORS, G_DIRECTOR, config.w_director, 0, 0) == -1)
		return -1;
	return 0;
}

/*
 * --dump-content FILE (for bench/recs-sklearn.py): compute the content lists
 * alone and write, for every movie, its feature tokens as the batch built
 * them and its content neighbours. A header line gives the group weights,
 * another the threads and the seconds rec_content took; then one line per
 * movie: "id<TAB>tokens<TAB>neighbour:cosine ...". A token is group:id
 * (g genre, k keyword, c cast, d director, l language, y decade), repeated
 * as often as it was counted: a keyword's weight column is recovered from
 * its value w * (1 + ln count). Nothing is written to the database.
 * Returns 0 or -1.
 */
static int
dump_content(const struct sim *s, const struct rec_csr *feats, size_t nfeat, int threads,
    const char *path)
{
	static const char	 gch[] = "?gkcdly";
	const double		 gw[] = { 0, config.w_genre, config.w_keyword, config.w_cast,
				    config.w_director, config.w_language, config.w_decade };
	struct rec_content_opts	 co;
	struct rec_nbrs		 nb = { 0 };
	size_t			*start = NULL, *ord = NULL, i, r;
	FILE			*f = NULL;
	double			 t;
	int			 rc = -1;

	rec_content_defaults(&co, (size_t)config.similar_k, threads);
	t = clock_s();
	if (rec_content(feats, &co, &nb) == -1)
		goto out;
	t = clock_s() - t;
	/* The feature entries of each movie, in load order. */
	if ((start = calloc(s->n + 1, sizeof(*start))) == NULL ||
	    (ord = malloc((s->feats.n ? s->feats.n : 1) * sizeof(*ord))) == NULL)
		goto out;
	for (i = 0; i < s->feats.n; i++)
		start[s->feats.row[i] + 1]++;
	for (i = 0; i < s->n; i++)
		start[i + 1] += start[i];
	for (i = 0; i < s->feats.n; i++)
		ord[start[s->feats.row[i]]++] = i;
	for (i = s->n; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "similar: cannot write %s\n", path);
		goto out;
	}
	fprintf(f, "# weights g=%g k=%g c=%g d=%g l=%g y=%g\n", config.w_genre,
	    config.w_keyword, config.w_cast, config.w_director, config.w_language,
	    config.w_decade);
	fprintf(f, "# content similarity of %zu movies, %zu features, top %zu kept, "
	    "%d threads, in %.3f s\n", s->n, nfeat, co.k, threads, t);
	for (i = 0; i < s->n; i++) {
		fprintf(f, "%lld\t", s->ids[i]);
		for (r = start[i]; r < start[i + 1]; r++) {
			size_t		 e = ord[r];
			unsigned	 g = (unsigned)(s->feats.key[e] >> 56);
			uint64_t	 raw = s->feats.key[e] & ((1ULL << 56) - 1);
			long		 cnt = 1, c;

			if (g == G_KEYWORD && gw[g] > 0)
				cnt = lround(exp(s->feats.val[e] / gw[g] - 1));
			for (c = 0; c < cnt; c++) {
				if (g == G_LANGUAGE) {
					char	 lang[8];
					int	 b, n = 0;

					for (b = 6; b >= 0; b--)
						if ((raw >> (8 * b) & 0xff) != 0)
							lang[n++] = (char)(raw >> (8 * b) & 0xff);
					lang[n] = '\0';
					fprintf(f, "%sl:%s", r > start[i] || c ? " " : "", lang);
				} else
					fprintf(f, "%s%c:%llu", r > start[i] || c ? " " : "",
					    gch[g < 7 ? g : 0], (unsigned long long)raw);
			}
		}
		fputc('\t', f);
		for (r = 0; r < nb.cnt[i]; r++)
			fprintf(f, "%s%lld:%.6f", r ? " " : "", s->ids[nb.idx[i * nb.k + r]],
			    (double)nb.score[i * nb.k + r]);
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		f = NULL;
		fprintf(stderr, "similar: cannot write %s\n", path);
		goto out;
	}
	f = NULL;
	printf("similar: content of %zu movies (%zu features) in %.3f s on %d thread%s, "
	    "written to %s\n", s->n, nfeat, t, threads, threads == 1 ? "" : "s", path);
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(start);
	free(ord);
	rec_nbrs_free(&nb);
	return rc;
}

/* Read the positive events, users numbered by (source, id). Returns 0 or -1. */
static int
load_events(struct sim *s)
{
	struct db_res	*res = NULL;
	long		 mi;
	int		 rc;

	if (db_exec(s->db, STMT_RECS_EVENTS, &res, "") != DB_OK)
		return -1;
	while ((rc = db_next(res)) == 1) {
		uint64_t	 user = (uint64_t)db_int(res, 1) << 1 | (uint64_t)(db_int(res, 0) & 1);

		if ((mi = movie_index(s, db_int(res, 2))) < 0)
			continue;
		if (db_int(res, 0) == 1)
			s->ml_events++;
		if (trip_add(&s->events, user, (uint32_t)mi, 1) == -1) {
			rc = -1;
			break;
		}
	}
	db_res_free(res);
	return rc == 0 ? 0 : -1;
}

/* Run one INSERT of the text in buf; returns 0 or -1. */
static int
flush_rows(struct sim *s, char **buf, size_t *len, size_t *rows, size_t *stmts)
{
	if (*rows == 0)
		return 0;
	if (*stmts % SIM_STMTS_TX == 0 && db_begin(s->db) != DB_OK)
		return -1;
	if (db_query(s->db, *buf) != DB_OK) {
		db_rollback(s->db);
		return -1;
	}
	(*stmts)++;
	if (*stmts % SIM_STMTS_TX == 0 && db_commit(s->db) != DB_OK)
		return -1;
	*len = 0;
	*rows = 0;
	return 0;
}

/*
 * Write the lists of nb as generation gen, in multi-row INSERTs. The
 * environment variable STREAMIFY_TEST_SIMILAR_KILL_AFTER=N makes the
 * process kill itself (SIGKILL) once N rows are committed, for the tests
 * of a crash. Returns the rows written, or -1.
 */
static long long
write_rows(struct sim *s, long long gen, const struct rec_nbrs *nb)
{
	struct progress	*bar = NULL;
	const char	*kill_env = getenv("STREAMIFY_TEST_SIMILAR_KILL_AFTER");
	long long	 kill_after = kill_env ? atoll(kill_env) : -1, total = 0;
	size_t		 cap = 64 + SIM_ROWS_STMT * 80, len = 0, rows = 0, stmts = 0, i, r;
	char		*buf;

	if ((buf = malloc(cap)) == NULL)
		return -1;
	if (!s->quiet)
		bar = progress_new("writing", s->n);
	for (i = 0; i < s->n; i++) {
		for (r = 0; r < nb->cnt[i]; r++) {
			if (rows == 0)
				len = (size_t)snprintf(buf, cap, "INSERT INTO movie_similar "
				    "(generation_id, movie_id, position, similar_id, score) VALUES ");
			len += (size_t)snprintf(buf + len, cap - len, "%s(%lld,%lld,%zu,%lld,%.6g)",
			    rows ? "," : "", gen, s->ids[i], r, s->ids[nb->idx[i * nb->k + r]],
			    (double)nb->score[i * nb->k + r]);
			total++;
			if (++rows == SIM_ROWS_STMT && flush_rows(s, &buf, &len, &rows, &stmts) == -1)
				goto fail;
			if (kill_after >= 0 && total >= kill_after && rows == 0) {
				if (db_in_tx(s->db))
					db_commit(s->db);
				raise(SIGKILL);
			}
		}
		progress_set(bar, i + 1);
	}
	if (flush_rows(s, &buf, &len, &rows, &stmts) == -1)
		goto fail;
	if (db_in_tx(s->db) && db_commit(s->db) != DB_OK)
		goto fail;
	if (kill_after >= 0 && total >= kill_after)
		raise(SIGKILL);		/* the test hook: every row written, no switch */
	progress_done(bar);
	free(buf);
	return total;
fail:
	progress_done(bar);
	db_rollback(s->db);
	free(buf);
	return -1;
}

/*
 * Write the ranking lists of nb (the movies EASE models) as generation gen
 * of movie_rank: one row per movie, its weights as one blob (sql/091),
 * in multi-row INSERTs of about a megabyte. Returns the rows written, or -1.
 */
static long long
write_rank(struct sim *s, long long gen, const struct rec_nbrs *nb)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 cap = (size_t)1 << 21, len = 0, rows = 0, stmts = 0, i, r, b;
	long long		 total = 0;
	char			*buf;

	if ((buf = malloc(cap)) == NULL)
		return -1;
	for (i = 0; i < s->n; i++) {
		if (nb->cnt[i] == 0)
			continue;
		if (rows == 0)
			len = (size_t)snprintf(buf, cap, "INSERT INTO movie_rank "
			    "(generation_id, movie_id, weights) VALUES ");
		len += (size_t)snprintf(buf + len, cap - len, "%s(%lld,%lld,X'", rows ? "," : "",
		    gen, s->ids[i]);
		for (r = 0; r < nb->cnt[i]; r++) {
			unsigned char	 e[REC_RANK_ENTRY];

			rec_rank_encode(e, (uint64_t)s->ids[nb->idx[i * nb->k + r]],
			    nb->score[i * nb->k + r]);
			for (b = 0; b < sizeof(e); b++) {
				buf[len++] = hex[e[b] >> 4];
				buf[len++] = hex[e[b] & 15];
			}
		}
		len += (size_t)snprintf(buf + len, cap - len, "')");
		total++;
		/* Room for one more list of k entries before the buffer's end. */
		if (++rows == 1000 || len + 64 + nb->k * REC_RANK_ENTRY * 2 > cap / 2) {
			if (flush_rows(s, &buf, &len, &rows, &stmts) == -1)
				goto fail;
		}
	}
	if (flush_rows(s, &buf, &len, &rows, &stmts) == -1)
		goto fail;
	if (db_in_tx(s->db) && db_commit(s->db) != DB_OK)
		goto fail;
	free(buf);
	return total;
fail:
	db_rollback(s->db);
	free(buf);
	return -1;
}

/*
 * Empty gen's partition of table (movie_similar or movie_rank, sql/090 and
 * 091) when no other generation has rows in it. Returns 1 when done, 0
 * when the rows must be deleted.
 */
static int
truncate_generation(struct sim *s, const char *table, long long gen)
{
	char		 sql[256];
	long long	 other = 1;
	int		 part = (int)(gen % SIM_PARTITIONS);

	/* Trusted text: our own table name and two integers, no request data. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM (SELECT 1 FROM %s PARTITION "
	    "(p%d) WHERE generation_id <> %lld LIMIT 1) x", table, part, gen);
	if (db_scalar(s->db, sql, &other) != DB_OK || other != 0)
		return 0;
	snprintf(sql, sizeof(sql), "ALTER TABLE %s TRUNCATE PARTITION p%d", table, part);
	return db_query(s->db, sql) == DB_OK;
}

/*
 * Delete generation gen's rows in both tables (a whole partition at once
 * when it has it alone, else in slices, so no transaction grows large),
 * then its row.
 */
static int
drop_generation(struct sim *s, long long gen)
{
	int	 emptied;

	if (!truncate_generation(s, "movie_rank", gen))
		do {
			if (db_exec(s->db, STMT_RECS_RANK_DELETE, NULL, "i", gen) != DB_OK)
				return -1;
		} while (db_affected(s->db) > 0);
	if (!(emptied = truncate_generation(s, "movie_similar", gen)))
		do {
			if (db_exec(s->db, STMT_RECS_ROWS_DELETE, NULL, "i", gen) != DB_OK)
				return -1;
		} while (db_affected(s->db) > 0);
	if (db_exec(s->db, STMT_RECS_GEN_DELETE, NULL, "i", gen) != DB_OK)
		return -1;
	log_info("similar: generation %lld dropped (%s)", gen, emptied ? "its partition emptied" :
	    "its rows deleted");
	return 0;
}

/* Drop the generations stmt lists (run with the lock held). Returns 0 or -1. */
static int
drop_listed(struct sim *s, enum stmt_id stmt, long long keep1, long long keep2)
{
	struct db_res	*res = NULL;
	long long	 ids[64];
	size_t		 n = 0, i;
	int		 rc;

	rc = stmt == STMT_RECS_GEN_STALE ?
	    db_exec(s->db, stmt, &res, "ii", keep1, keep2) : db_exec(s->db, stmt, &res, "");
	if (rc != DB_OK)
		return -1;
	while (db_next(res) == 1 && n < sizeof(ids) / sizeof(ids[0]))
		ids[n++] = db_int(res, 0);
	db_res_free(res);
	for (i = 0; i < n; i++)
		if (drop_generation(s, ids[i]) == -1)
			return -1;
	return 0;
}

/* Mark a generation complete and make it the only active one (db_tx). */
struct gen_switch {
	long long	 gen, movies, pairs;
};

static int
switch_tx(struct db *db, void *arg)
{
	struct gen_switch	*g = arg;
	int			 rc;

	if ((rc = db_exec(db, STMT_RECS_GEN_COMPLETE, NULL, "iii", g->movies, g->pairs,
	    g->gen)) != DB_OK)
		return rc;
	return db_exec(db, STMT_RECS_GEN_SWITCH, NULL, "ii", g->gen, g->gen);
}

static int
switch_generation(struct sim *s, long long gen, size_t movies, long long pairs)
{
	struct gen_switch	 g = { gen, (long long)movies, pairs };

	return db_tx(s->db, switch_tx, &g) == DB_OK ? 0 : -1;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: streamify-batch similar [--threads N] [--quiet] [--dump-content FILE]\n"
	    "Computes the %lld most similar movies of every movie (similar_k) from content\n"
	    "features and the users' positive events, and for the movies EASE models (up to\n"
	    "%d, each with %d+ users; LAPACK) the %d weights GET /recommendations ranks from;\n"
	    "writes them as a new generation and makes it the active one. The previous\n"
	    "generation is kept for rollback.\n"
	    "--dump-content FILE computes the content lists only and writes them with each\n"
	    "movie's feature tokens to FILE (bench/recs-sklearn.py); the database is unchanged.\n",
	    config.similar_k, REC_EASE_ITEMS, REC_EASE_MIN_USERS, REC_RANK_K);
}

int
cmd_similar(int argc, char *argv[])
{
	struct sim		 s;
	struct rec_csr		 feats = { 0 }, iu = { 0 };
	struct rec_nbrs		 content = { 0 }, cf = { 0 }, ease = { 0 }, blend = { 0 };
	struct rec_nbrs		 erank = { 0 };
	struct rec_ease_opts	 eo;
	struct rec_content_opts	 co;
	struct rec_cf_opts	 fo;
	uint32_t		*nusers = NULL;
	size_t			 nfeat = 0, nusr = 0, i;
	long long		 got = 0, gen = 0, prev = 0, pairs, ranked;
	long			 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int			 threads = ncpu > 0 ? (int)ncpu : 1, rc;
	double			 t0 = clock_s(), t1, t2;
	const char		*dump = NULL;	/* --dump-content FILE */
	const struct opt	 opts[] = {
		{ "threads", 't', OPT_INT, &threads, 1, 64, NULL },
		{ "quiet", 'q', OPT_FLAG, &s.quiet, 0, 0, NULL },
		{ "dump-content", 'D', OPT_STR, &dump, 0, 0, NULL },
		OPT_END
	};

	memset(&s, 0, sizeof(s));
	if ((rc = options_parse(argc, argv, opts, OPTS_NO_OPERANDS, usage, NULL)) != -1)
		return rc;
	rc = 1;
	if ((s.db = db_open()) == NULL || db_ready(s.db) != DB_OK) {
		fprintf(stderr, "similar: cannot reach the database: %s\n",
		    s.db ? db_errmsg(s.db) : "out of memory");
		goto out;
	}
	/* One run at a time: the lock goes with the connection, so a killed run frees it. */
	if (db_scalar(s.db, "SELECT GET_LOCK('" SIM_LOCK "', 0)", &got) != DB_OK || got != 1) {
		fprintf(stderr, "similar: another streamify-batch similar is running "
		    "(lock " SIM_LOCK " is held); nothing done\n");
		goto out;
	}
	/* Generations a killed run left (a content dump writes nothing, not even this). */
	if (dump == NULL && drop_listed(&s, STMT_RECS_GEN_DEAD, 0, 0) == -1)
		goto fail;
	if (load_catalog(&s) == -1 || (dump == NULL && load_events(&s) == -1))
		goto fail;
	if (trip_matrix(&s.feats, s.n, &feats, &nfeat) == -1)
		goto oom;
	if (dump != NULL) {
		rc = dump_content(&s, &feats, nfeat, threads, dump) == 0 ? 0 : 1;
		goto out;
	}
	/* Events: rows are movies, columns the users (numbered densely). */
	if (trip_matrix(&s.events, s.n, &iu, &nusr) == -1)
		goto oom;
	if ((nusers = calloc(s.n ? s.n : 1, sizeof(*nusers))) == NULL)
		goto oom;
	for (i = 0; i < s.n; i++)
		nusers[i] = (uint32_t)(iu.ptr[i + 1] - iu.ptr[i]);
	t1 = clock_s();
	rec_content_defaults(&co, (size_t)config.similar_k, threads);
	fo.k = (size_t)config.similar_k;
	fo.shrink = config.cf_shrink;
	fo.alpha = 0.5;
	fo.max_user_items = REC_MAX_USER_ITEMS;
	fo.threads = threads;
	rec_ease_defaults(&eo, (size_t)config.similar_k);
	if (rec_content(&feats, &co, &content) == -1 || rec_cf(&iu, &fo, &cf) == -1)
		goto oom;
	/*
	 * EASE for the movies with users, item-item cosine for the rest, blended
	 * with content: the similar movies. EASE's ranking lists go beside them
	 * (movie_rank); GET /recommendations ranks a seed from its list there,
	 * else from its similar movies.
	 */
	if (rec_ease(&iu, &eo, &ease, &erank) == -1)
		goto oom;
	rec_nbrs_overlay(&cf, &ease);
	if (rec_blend(&content, &cf, nusers, config.blend_users, (size_t)config.similar_k,
	    &blend) == -1)
		goto oom;
	if (!s.quiet)
		fprintf(stderr, "similar: %zu movies, %zu features, %zu users, %zu events "
		    "(%zu from MovieLens): read in %.1f s, computed in %.1f s\n", s.n, nfeat, nusr,
		    s.events.n, s.ml_events, t1 - t0, clock_s() - t1);
	/* A new generation beside the active one; workers keep reading the active one. */
	{
		struct db_res	*res = NULL;

		if (db_exec(s.db, STMT_RECS_GEN_ACTIVE_ID, &res, "") != DB_OK)
			goto fail;
		if (db_next(res) == 1)
			prev = db_int(res, 0);
		db_res_free(res);
	}
	if (db_exec(s.db, STMT_RECS_GEN_NEW, NULL, "") != DB_OK)
		goto fail;
	gen = db_insert_id(s.db);
	t2 = clock_s();
	if ((pairs = write_rows(&s, gen, &blend)) < 0 || (ranked = write_rank(&s, gen, &erank)) < 0)
		goto fail;
	if (!s.quiet)
		fprintf(stderr, "similar: %lld rows and %lld ranking lists written in %.1f s\n",
		    pairs, ranked, clock_s() - t2);
	if (switch_generation(&s, gen, s.n, pairs) == -1)
		goto fail;
	/* Keep the new and the previous generation; older ones go. */
	if (drop_listed(&s, STMT_RECS_GEN_STALE, gen, prev) == -1)
		log_warn("similar: could not delete older generations; the next run retries");
	printf("similar: generation %lld active: %zu movies, %lld pairs, %zu users with events, "
	    "%.1f s\n", gen, s.n, pairs, nusr, clock_s() - t0);
	rc = 0;
	goto out;
oom:
	log_error("similar: out of memory");
fail:
	fprintf(stderr, "similar: failed%s; the active generation is unchanged\n",
	    gen ? " while writing a new generation" : "");
	if (gen)
		(void)drop_generation(&s, gen);
out:
	if (s.db != NULL) {
		(void)db_scalar(s.db, "SELECT RELEASE_LOCK('" SIM_LOCK "')", &got);
		db_close(s.db);
	}
	free(s.ids);
	trip_free(&s.feats);
	trip_free(&s.events);
	rec_csr_free(&feats);
	rec_csr_free(&iu);
	rec_nbrs_free(&content);
	rec_nbrs_free(&cf);
	rec_nbrs_free(&ease);
	rec_nbrs_free(&erank);
	rec_nbrs_free(&blend);
	free(nusers);
	return rc;
}
