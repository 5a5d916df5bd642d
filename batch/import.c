/* import.c: streamify-import, which loads movies from MovieLens CSV, TMDB 5000 CSV or the TMDB API. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "db_import.h"
#include "db_ops.h"
#include "hex.h"
#include "import.h"
#include "log.h"
#include "progress.h"
#include "search_index.h"
#include "valid.h"

#define IMP_MAX_IDS	10000	/* --id values on one command line */

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: streamify-import [--config FILE] SOURCE ...\n"
	    "\n"
	    "Sources:\n"
	    "  movielens DIR           movies.csv, links.csv, tags.csv and ratings.csv of a\n"
	    "                          MovieLens \"latest\" set (e.g. data/ml-latest-small)\n"
	    "  tmdb-csv FILE           the TMDB 5000 movies CSV (tmdb_5000_movies.csv)\n"
	    "  tmdb --id N [N ...]     movies from the TMDB API v3 by id (api key: tmdb_api_key\n"
	    "  tmdb --popular PAGES    or TMDB_API_KEY), or the first PAGES pages of /movie/popular\n"
	    "\n"
	    "Idempotent: a second run writes nothing; a changed source row updates its movie in\n"
	    "place. Each source prints one summary line. Bad rows are reported as FILE:LINE and\n"
	    "skipped; exit status 1 when any row was bad or any movie failed, 2 on usage errors.\n");
}

void
imp_bad(struct imp_stats *st, const char *file, unsigned long line, const char *fmt, ...)
{
	const char	*base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	char		 msg[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		fprintf(stderr, "streamify-import: %s:%lu: %s\n", file, line, msg);
	else
		fprintf(stderr, "streamify-import: %s: %s\n", file, msg);
	if (st->bad < IMP_BAD_LISTED)
		snprintf(st->where[st->bad], sizeof(st->where[st->bad]), "%s:%lu", base, line);
	st->bad++;
}

void
imp_summary(const char *source, const struct imp_stats *st, double seconds)
{
	size_t	 i;

	printf("streamify-import: %s: read %zu, inserted %zu, updated %zu, unchanged %zu, "
	    "skipped %zu, failed %zu, bad rows %zu", source, st->read, st->inserted,
	    st->updated, st->unchanged, st->skipped, st->failed, st->bad);
	for (i = 0; i < st->bad && i < IMP_BAD_LISTED; i++)
		printf("%s%s", i == 0 ? " (" : ", ", st->where[i]);
	if (st->bad > 0)
		printf("%s)", st->bad > IMP_BAD_LISTED ? ", ..." : "");
	printf(" in %.2fs\n", seconds);
	fflush(stdout);
}

struct imp_hash {
	struct crypto_sha256	*sha;
};

struct imp_hash *
imp_hash_new(const char *version)
{
	struct imp_hash	*h;

	if ((h = malloc(sizeof(*h))) == NULL)
		return NULL;
	if ((h->sha = crypto_sha256_new()) == NULL) {
		free(h);
		return NULL;
	}
	imp_hash_str(h, version);
	return h;
}

void
imp_hash_str(struct imp_hash *h, const char *s)
{
	/* A length prefix keeps ("ab", "c") apart from ("a", "bc"); NULL differs from "". */
	long long	 len = s == NULL ? -1 : (long long)strlen(s);

	if (h == NULL)
		return;
	crypto_sha256_add(h->sha, &len, sizeof(len));
	if (s != NULL)
		crypto_sha256_add(h->sha, s, (size_t)len);
}

void
imp_hash_int(struct imp_hash *h, long long v)
{
	if (h != NULL)
		crypto_sha256_add(h->sha, &v, sizeof(v));
}

void
imp_hash_num(struct imp_hash *h, double v)
{
	char	 buf[64];

	snprintf(buf, sizeof(buf), "%.6f", v);
	imp_hash_str(h, buf);
}

void
imp_hash_end(struct imp_hash *h, char out[65])
{
	out[0] = '\0';
	if (h == NULL)
		return;
	crypto_sha256_end(h->sha, out);
	free(h);
}

struct imp_names {
	char		**name;		/* NULL = free slot */
	long long	 *id;
	size_t		  cap;		/* a power of two */
	size_t		  n;
};

struct imp_names *
imp_names_new(void)
{
	struct imp_names	*n;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->cap = 256;
	n->name = calloc(n->cap, sizeof(*n->name));
	n->id = calloc(n->cap, sizeof(*n->id));
	if (n->name == NULL || n->id == NULL) {
		imp_names_free(n);
		return NULL;
	}
	return n;
}

/* The slot of name (where it is, or where it would go). */
static size_t
names_find(const struct imp_names *n, const char *name)
{
	size_t	 i;

	for (i = (size_t)hash_fnv1a(name, strlen(name)) & (n->cap - 1); n->name[i] != NULL && strcmp(n->name[i], name) != 0;
	    i = (i + 1) & (n->cap - 1))
		;
	return i;
}

long long
imp_names_get(const struct imp_names *n, const char *name)
{
	size_t	 i = names_find(n, name);

	return n->name[i] != NULL ? n->id[i] : 0;
}

int
imp_names_put(struct imp_names *n, const char *name, long long id)
{
	size_t	 i;

	if ((n->n + 1) * 2 > n->cap) {
		struct imp_names	 big = { NULL, NULL, n->cap * 2, 0 };

		big.name = calloc(big.cap, sizeof(*big.name));
		big.id = calloc(big.cap, sizeof(*big.id));
		if (big.name == NULL || big.id == NULL) {
			free(big.name);
			free(big.id);
			return -1;
		}
		for (i = 0; i < n->cap; i++)
			if (n->name[i] != NULL) {
				size_t	 j = names_find(&big, n->name[i]);

				big.name[j] = n->name[i];
				big.id[j] = n->id[i];
				big.n++;
			}
		free(n->name);
		free(n->id);
		*n = big;
	}
	i = names_find(n, name);
	if (n->name[i] == NULL) {
		if ((n->name[i] = strdup(name)) == NULL)
			return -1;
		n->n++;
	}
	n->id[i] = id;
	return 0;
}

void
imp_names_free(struct imp_names *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	if (n->name != NULL)
		for (i = 0; i < n->cap; i++)
			free(n->name[i]);
	free(n->name);
	free(n->id);
	free(n);
}

/* The genre synonyms of this run: spelling -> stored name. */
static struct {
	char	(*pair)[2][65];
	size_t	 n;
} synonyms;

int
imp_genre_synonyms_load(struct db *db)
{
	struct db_res	*res = NULL;
	void		*p;
	size_t		 cap = 0;
	int		 rc;

	if ((rc = db_exec(db, STMT_IMP_GENRE_SYNONYMS, &res, "")) != DB_OK) {
		fprintf(stderr, "streamify-import: cannot read genre_synonyms\n");
		return -1;
	}
	while ((rc = db_next(res)) == 1) {
		if (synonyms.n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((p = realloc(synonyms.pair, cap * sizeof(*synonyms.pair))) == NULL) {
				rc = -1;
				break;
			}
			synonyms.pair = p;
		}
		snprintf(synonyms.pair[synonyms.n][0], 65, "%s", db_str(res, 0) ? db_str(res, 0) : "");
		snprintf(synonyms.pair[synonyms.n][1], 65, "%s", db_str(res, 1) ? db_str(res, 1) : "");
		synonyms.n++;
	}
	db_res_free(res);
	if (rc < 0) {
		fprintf(stderr, "streamify-import: cannot read genre_synonyms\n");
		return -1;
	}
	return 0;
}

const char *
imp_genre_name(const char *name)
{
	size_t	 i;

	/* The table's names are ASCII and compared ignoring case, as the database does. */
	for (i = 0; i < synonyms.n; i++)
		if (strcasecmp(synonyms.pair[i][0], name) == 0)
			return synonyms.pair[i][1];
	return name;
}

long long
imp_name_id(struct db *db, struct imp_names *n, const char *name, int is_genre)
{
	long long	 id;

	if ((id = imp_names_get(n, name)) != 0)
		return id;
	if ((is_genre ? db_import_genre_id(db, name, &id) :
	    db_import_keyword_id(db, name, &id)) != DB_OK)
		return 0;
	if (imp_names_put(n, name, id) == -1)
		return 0;
	return id;
}

void
imp_squeeze(char *s, int lower_ascii)
{
	char	*r = s, *w = s;
	int	 space = 0;

	while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
		r++;
	for (; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = lower_ascii && *r >= 'A' && *r <= 'Z' ? (char)(*r - 'A' + 'a') : *r;
	}
	*w = '\0';
}

/* Write one item in the open transaction; its collected rows go into p. */
static int
write_one(struct db *db, struct imp_pending *p, const char *source, struct imp_item *it,
    enum imp_result *res)
{
	long long	 id;

	if (strcmp(source, IMP_SRC_MOVIELENS) == 0)
		return db_import_movielens(db, p, &it->m, it->key, it->hash, it->movie_id, &id,
		    res);
	return db_import_tmdb(db, p, &it->m, source, it->hash, it->movie_id, &id, res);
}

static const char *
rc_text(int rc)
{
	switch (rc) {
	case DB_ERR_UNAVAILABLE:
		return "the database is unavailable";
	case DB_ERR_DUPLICATE:
		return "its tmdb_id or imdb_id already belongs to another movie";
	case DB_ERR_RETRY:
		return "a deadlock, again and again";
	case DB_ERR_FOREIGN:
		return "a reference to a missing row";
	default:
		return "the database refused it (see the log above)";
	}
}

/* Items from..to-1 written in one transaction (db_tx), counted by what happened to each. */
struct batch {
	const char		*source;
	struct imp_item		*items;
	struct imp_pending	*pend;
	size_t			 from, to, inserted, updated;
};

static int
batch_write(struct db *db, void *arg)
{
	struct batch	*b = arg;
	enum imp_result	 res;
	size_t		 j;
	int		 rc;

	b->inserted = b->updated = 0;
	imp_pending_reset(b->pend);
	for (j = b->from; j < b->to; j++) {
		if ((rc = write_one(db, b->pend, b->source, &b->items[j], &res)) != DB_OK)
			return rc;
		if (res == IMP_INSERTED)
			b->inserted++;
		else
			b->updated++;
	}
	return db_import_flush(db, b->pend, b->source);
}

int
imp_write(struct db *db, const char *source, struct imp_item *items, size_t n,
    struct imp_stats *st)
{
	struct progress	*bar = progress_new(source, n);
	struct imp_pending *pend;
	struct batch	 b = { .source = source, .items = items };
	size_t		 i, j, end;
	int		 rc = DB_OK, ret = 0;

	if ((pend = imp_pending_new()) == NULL) {
		progress_done(bar);
		fprintf(stderr, "streamify-import: %s: out of memory\n", source);
		st->failed += n;
		return -1;
	}
	b.pend = pend;
	/* A bulk write reindexes search once at the end, not movie by movie. */
	imp_pending_defer_index(pend, n >= IMP_BULK_INDEX);
	for (i = 0; i < n; i = end) {
		end = i + IMP_BATCH < n ? i + IMP_BATCH : n;
		b.from = i;
		b.to = end;
		if ((rc = db_tx(db, batch_write, &b)) == DB_OK) {
			st->inserted += b.inserted;
			st->updated += b.updated;
			progress_set(bar, end);
			continue;
		}
		if (rc == DB_ERR_UNAVAILABLE) {
			fprintf(stderr, "streamify-import: %s: %s\n", source, rc_text(rc));
			st->failed += end - i;
			ret = -1;
			break;
		}
		/* One movie spoilt the batch: write them one at a time, so only it is lost. */
		for (j = i; j < end; j++) {
			b.from = j;
			b.to = j + 1;
			if ((rc = db_tx(db, batch_write, &b)) == DB_OK) {
				st->inserted += b.inserted;
				st->updated += b.updated;
				continue;
			}
			fprintf(stderr, "streamify-import: %s: not imported: %s\n",
			    items[j].label, rc_text(rc));
			st->failed++;
			if (rc == DB_ERR_UNAVAILABLE) {
				st->failed += end - j - 1;
				ret = -1;
				break;
			}
		}
		if (ret == -1)
			break;
		progress_set(bar, end);
	}
	progress_done(bar);
	imp_pending_free(pend);
	if (n >= IMP_BULK_INDEX && st->inserted + st->updated > 0) {
		bar = progress_new("search index", 0);
		rc = search_reindex_all(db);	/* transactions of its own */
		progress_done(bar);
		if (rc != DB_OK) {
			fprintf(stderr, "streamify-import: %s: rebuilding the search index: %s\n",
			    source, rc_text(rc));
			ret = -1;
		}
	}
	/* Ratings and votes changed: the mean the weighted ratings pull toward, too. */
	if (st->inserted + st->updated > 0) {
		int	 moved;

		if ((rc = db_import_rating_prior(db, &moved)) != DB_OK) {
			fprintf(stderr, "streamify-import: %s: the catalog's mean rating: %s\n",
			    source, rc_text(rc));
			ret = -1;
		}
	}
	return ret;
}

/* Parse the arguments of the tmdb source. Returns 0 or -1 after a message. */
static int
tmdb_args(int argc, char *argv[], int *i, long long **ids, size_t *nids, long long *pages)
{
	long long	 v;

	if (*i >= argc) {
		fprintf(stderr, "streamify-import: tmdb needs --id N... or --popular PAGES\n");
		return -1;
	}
	if (strcmp(argv[*i], "--popular") == 0) {
		if (*i + 1 >= argc || valid_int(argv[*i + 1], 1, 500, pages) == -1) {
			fprintf(stderr, "streamify-import: --popular needs a number of pages "
			    "(1..500)\n");
			return -1;
		}
		*i += 2;
		return 0;
	}
	if (strcmp(argv[*i], "--id") != 0) {
		fprintf(stderr, "streamify-import: tmdb: unknown option \"%s\"\n", argv[*i]);
		return -1;
	}
	for ((*i)++; *i < argc && valid_int(argv[*i], 1, 999999999999LL, &v) == 0; (*i)++) {
		if (*nids == IMP_MAX_IDS) {
			fprintf(stderr, "streamify-import: at most %d ids at once\n", IMP_MAX_IDS);
			return -1;
		}
		if (*ids == NULL && (*ids = calloc(IMP_MAX_IDS, sizeof(**ids))) == NULL)
			return -1;
		(*ids)[(*nids)++] = v;
	}
	if (*nids == 0) {
		fprintf(stderr, "streamify-import: --id needs at least one TMDB id\n");
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char	*cfgpath = NULL;
	struct db	*db = NULL;
	long long	*ids = NULL, pages = 0;
	size_t		 nids = 0;
	int		 st, i, rc = 0, r;

	if ((st = config_options(argc, argv, 1, &cfgpath, usage)) != -1)
		return st;
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	/* Check every source's arguments before importing anything. */
	for (i = optind; i < argc;) {
		if (strcmp(argv[i], "movielens") == 0 || strcmp(argv[i], "tmdb-csv") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "streamify-import: %s needs a %s\n", argv[i],
				    argv[i][0] == 'm' ? "directory" : "file");
				return 2;
			}
			i += 2;
		} else if (strcmp(argv[i], "tmdb") == 0) {
			i++;
			if (tmdb_args(argc, argv, &i, &ids, &nids, &pages) == -1) {
				free(ids);
				return 2;
			}
		} else {
			fprintf(stderr, "streamify-import: unknown source \"%s\"\n", argv[i]);
			usage(stderr);
			free(ids);
			return 2;
		}
	}
	if (config_load(cfgpath) == -1) {
		free(ids);
		return 1;
	}
	log_set_level(config.log_level);
	if ((db = db_open()) == NULL || db_ready(db) != DB_OK) {
		fprintf(stderr, "streamify-import: cannot connect to the database\n");
		rc = 1;
		goto out;
	}
	if (imp_genre_synonyms_load(db) == -1) {
		rc = 1;
		goto out;
	}
	/* Each source's run is recorded (job_runs: import_movielens, ...) for /metrics. */
	for (i = optind; i < argc;) {
		const char	*job = strcmp(argv[i], "movielens") == 0 ? "import_movielens" :
		    strcmp(argv[i], "tmdb-csv") == 0 ? "import_tmdb_csv" : "import_tmdb";
		double		 t0 = clock_s();

		(void)db_job_start(db, job);
		if (strcmp(argv[i], "movielens") == 0) {
			r = import_movielens(db, argv[i + 1]);
			i += 2;
		} else if (strcmp(argv[i], "tmdb-csv") == 0) {
			r = import_tmdb_csv(db, argv[i + 1]);
			i += 2;
		} else {
			i++;
			nids = 0;
			pages = 0;
			(void)tmdb_args(argc, argv, &i, &ids, &nids, &pages);
			r = import_tmdb_api(db, ids, nids, pages);
		}
		(void)db_job_end(db, job, r == 0, clock_s() - t0);
		if (r != 0)
			rc = 1;
	}
out:
	free(ids);
	free(synonyms.pair);
	db_close(db);
	config_free();
	return rc;
}

/* One block of the arena. */
struct imp_block {
	struct imp_block	*next;
	size_t			 used;
	size_t			 size;
	max_align_t		 data[];
};

struct imp_arena {
	struct imp_block	*head;
};

struct imp_arena *
imp_arena_new(void)
{
	return calloc(1, sizeof(struct imp_arena));
}

void *
imp_alloc(struct imp_arena *a, size_t size)
{
	struct imp_block	*b = a->head;
	size_t			 need = (size + sizeof(max_align_t) - 1) /
	    sizeof(max_align_t) * sizeof(max_align_t);
	void			*p;

	if (b == NULL || b->size - b->used < need) {
		size_t	 bsize = need > 65536 ? need : 65536;

		if ((b = malloc(sizeof(*b) + bsize)) == NULL)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, need);
	return p;
}

char *
imp_strdup(struct imp_arena *a, const char *s)
{
	char	*p;

	if (s == NULL || (p = imp_alloc(a, strlen(s) + 1)) == NULL)
		return NULL;
	memcpy(p, s, strlen(s) + 1);
	return p;
}

void
imp_arena_free(struct imp_arena *a)
{
	struct imp_block	*b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
