/* db_catalog.c: the catalog's data access that is more than one statement: search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_catalog.h"
#include "hex.h"
#include "log.h"
#include "search.h"

/*
 * Candidates up to which a later query word is looked for in them only
 * (a few index rows per candidate), instead of in all its rows.
 */
#define SEARCH_NARROW	64

/* How the rows of a statement matched: by the keys, by the prefix, or either. */
enum rows_by {
	ROWS_KEYS,
	ROWS_PREFIX,
	ROWS_EITHER,
};

/* One candidate movie while a search runs. */
struct cand {
	long long	 id;		/* 0 = empty slot */
	double		 popularity;
	char		*title;		/* normalised title, owned */
	unsigned char	 match[SEARCH_QUERY_WORDS];	/* best SEARCH_MATCH per required word */
	int		 genre;		/* a movie of the genre the query names */
};

/* An open-addressing table of candidates by movie id. */
struct cands {
	struct cand	*slot;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

static void
cands_free(struct cands *c)
{
	size_t	 i;

	for (i = 0; i < c->cap; i++)
		free(c->slot[i].title);
	free(c->slot);
	c->slot = NULL;
	c->cap = c->n = 0;
}

/* The slot of id, or the empty slot where it would go. */
static struct cand *
cands_find(const struct cands *c, long long id)
{
	size_t	 i;

	if (c->cap == 0)
		return NULL;
	for (i = hash_slot(id, c->cap - 1); c->slot[i].id != 0 && c->slot[i].id != id;
	    i = (i + 1) & (c->cap - 1))
		;
	return &c->slot[i];
}

/* Make room for want entries in all. Returns 0 or -1 when out of memory. */
static int
cands_reserve(struct cands *c, size_t want)
{
	struct cands	 nc;
	struct cand	*s;
	size_t		 i;

	if ((c->n + want) * 2 <= c->cap)
		return 0;
	nc.cap = 64;
	while (nc.cap < (c->n + want) * 2)
		nc.cap *= 2;
	nc.n = c->n;
	if ((nc.slot = calloc(nc.cap, sizeof(*nc.slot))) == NULL)
		return -1;
	for (i = 0; i < c->cap; i++) {
		if (c->slot[i].id == 0)
			continue;
		s = cands_find(&nc, c->slot[i].id);
		*s = c->slot[i];
	}
	free(c->slot);
	*c = nc;
	return 0;
}

/*
 * The ids of the candidates that matched every word before word k, as a
 * JSON array into buf (len bytes, room for SEARCH_NARROW ids). Returns
 * their number, or -1 when there are more than SEARCH_NARROW.
 */
static int
cands_json(const struct cands *c, int k, char *buf, size_t len)
{
	size_t	 i, off;
	int	 j, n = 0;

	off = (size_t)snprintf(buf, len, "[");
	for (i = 0; i < c->cap; i++) {
		if (c->slot[i].id == 0)
			continue;
		for (j = 0; j < k; j++)
			if (c->slot[i].match[j] == SEARCH_MATCH_NONE)
				break;
		if (j < k)
			continue;
		if (++n > SEARCH_NARROW)
			return -1;
		off += (size_t)snprintf(buf + off, len - off, "%s%lld", n > 1 ? "," : "",
		    c->slot[i].id);
		if (off >= len)
			return -1;
	}
	if ((size_t)snprintf(buf + off, len - off, "]") >= len - off)
		return -1;
	return n;
}

/*
 * Read the rows of one query word (index k of the required words) into the
 * candidates: the first word adds movies, later ones only mark them.
 * by says how the statement found them: by the word and its deletion
 * variants, by prefix (STMT_SEARCH_PREFIX...), or either (STMT_SEARCH_WORD_IN...).
 * Returns DB_OK or an error.
 */
static int
read_rows(struct cands *c, struct db_res *res, const char *word, int k, enum rows_by by)
{
	struct cand	*s;
	const char	*term;
	size_t		 wlen = strlen(word);
	int		 rc, field, kind, q;
	unsigned char	 m;

	if (k == 0 && cands_reserve(c, db_rows(res)) == -1) {
		log_error("db_catalog_search: out of memory");
		return DB_ERR_INTERNAL;
	}
	while ((rc = db_next(res)) == 1) {
		field = (int)db_int(res, 1);
		kind = (int)db_int(res, 2);
		term = db_str(res, 4);
		if (term != NULL && kind == 0 && strcmp(term, word) == 0)
			q = SEARCH_Q_EXACT;
		else if (by == ROWS_PREFIX || (by == ROWS_EITHER && term != NULL &&
		    kind == 0 && field != SEARCH_F_TEXT && strncmp(term, word, wlen) == 0))
			q = SEARCH_Q_PREFIX;
		else
			q = SEARCH_Q_FUZZY;
		m = (unsigned char)SEARCH_MATCH(field, q);
		s = cands_find(c, db_int(res, 0));
		if (s->id == 0) {
			if (k > 0)
				continue;
			s->id = db_int(res, 0);
			s->popularity = db_double(res, 3);
			if ((s->title = strdup(db_str(res, 5) ? db_str(res, 5) : "")) == NULL) {
				log_error("db_catalog_search: out of memory");
				return DB_ERR_INTERNAL;
			}
			c->n++;
		}
		if (s->match[k] == SEARCH_MATCH_NONE || m < s->match[k])
			s->match[k] = m;
	}
	return rc < 0 ? rc : DB_OK;
}

/*
 * Run stmt and read its rows for query word k: within the candidates ids
 * (JSON) by the 21 keys and the pattern (NULL = none) when ids is not NULL,
 * else by the pattern when by is ROWS_PREFIX, else by the 21 keys.
 */
static int
run_rows(struct db *db, struct cands *c, enum stmt_id stmt, const char *word, int k,
    enum rows_by by, const char *const *key, long long kind, const char *pattern,
    const char *ids)
{
	struct db_res	*res = NULL;
	long long	 lim = SEARCH_ROW_LIMIT;
	int		 rc;

	if (ids != NULL)
		rc = db_exec(db, stmt, &res, "ssssssssssssssssssssssisi", ids, key[0], key[1],
		    key[2], key[3], key[4], key[5], key[6], key[7], key[8], key[9], key[10],
		    key[11], key[12], key[13], key[14], key[15], key[16], key[17], key[18],
		    key[19], key[20], kind, pattern, lim);
	else if (by == ROWS_PREFIX)
		rc = db_exec(db, stmt, &res, "si", pattern, lim);
	else
		rc = db_exec(db, stmt, &res, "sssssssssssssssssssssii", key[0], key[1], key[2],
		    key[3], key[4], key[5], key[6], key[7], key[8], key[9], key[10], key[11],
		    key[12], key[13], key[14], key[15], key[16], key[17], key[18], key[19],
		    key[20], kind, lim);
	if (rc != DB_OK)
		return rc;
	rc = read_rows(c, res, word, k, by);
	db_res_free(res);
	return rc;
}

/*
 * Run the statements of one query word (index k of the required words):
 * titles and descriptions, then names, each by the word and its deletion
 * variants, and for the last word of the query also by prefix. A later
 * word is looked for in the candidates only while they are few.
 */
static int
search_word(struct db *db, struct cands *c, const char *word, int k, int last)
{
	static const enum stmt_id first[] = { STMT_SEARCH_WORD, STMT_SEARCH_WORD_CAST,
	    STMT_SEARCH_WORD_DIRECTOR, STMT_SEARCH_PREFIX, STMT_SEARCH_PREFIX_CAST,
	    STMT_SEARCH_PREFIX_DIRECTOR };
	static const enum stmt_id later[] = { STMT_SEARCH_WORD_MARK,
	    STMT_SEARCH_WORD_CAST_MARK, STMT_SEARCH_WORD_DIRECTOR_MARK, STMT_SEARCH_PREFIX_MARK,
	    STMT_SEARCH_PREFIX_CAST_MARK, STMT_SEARCH_PREFIX_DIRECTOR_MARK };
	static char	 ids[SEARCH_NARROW * 21 + 3];
	const enum stmt_id *st;
	char		 dels[SEARCH_FUZZY_MAX][SEARCH_WORD_MAX];
	const char	*key[SEARCH_FUZZY_MAX + 1];
	char		 pattern[SEARCH_WORD_MAX + 1];
	const char	*pat;
	long long	 kind;
	int		 nd, i, rc, byprefix;

	memset(key, 0, sizeof(key));
	key[0] = word;
	nd = search_deletions(word, dels);
	for (i = 0; i < nd; i++)
		key[i + 1] = dels[i];
	kind = nd > 0 ? 1 : 0;
	snprintf(pattern, sizeof(pattern), "%s%%", word);
	byprefix = last && strlen(word) >= 3 && !search_is_stopword(word);
	if (k > 0 && cands_json(c, k, ids, sizeof(ids)) >= 0) {
		pat = byprefix ? pattern : NULL;
		if ((rc = run_rows(db, c, STMT_SEARCH_WORD_IN, word, k, ROWS_EITHER, key, kind,
		    pat, ids)) != DB_OK ||
		    (rc = run_rows(db, c, STMT_SEARCH_WORD_IN_CAST, word, k, ROWS_EITHER, key,
		    kind, pat, ids)) != DB_OK)
			return rc;
		return run_rows(db, c, STMT_SEARCH_WORD_IN_DIRECTOR, word, k, ROWS_EITHER, key,
		    kind, pat, ids);
	}
	/* The first word needs each movie's title and popularity; later ones do not. */
	st = k == 0 ? first : later;
	if ((rc = run_rows(db, c, st[0], word, k, ROWS_KEYS, key, kind, NULL, NULL)) != DB_OK ||
	    (rc = run_rows(db, c, st[1], word, k, ROWS_KEYS, key, kind, NULL, NULL)) != DB_OK ||
	    (rc = run_rows(db, c, st[2], word, k, ROWS_KEYS, key, kind, NULL, NULL)) != DB_OK)
		return rc;
	if (!byprefix)
		return DB_OK;
	if ((rc = run_rows(db, c, st[3], word, k, ROWS_PREFIX, key, 0, pattern, NULL)) != DB_OK ||
	    (rc = run_rows(db, c, st[4], word, k, ROWS_PREFIX, key, 0, pattern, NULL)) != DB_OK)
		return rc;
	return run_rows(db, c, st[5], word, k, ROWS_PREFIX, key, 0, pattern, NULL);
}

int
db_catalog_genre_id(struct db *db, const char *name, long long *id)
{
	struct db_res	*res = NULL;
	char		 norm[SEARCH_WORD_MAX * 4];
	int		 rc;

	*id = 0;
	search_normalize(name, norm, sizeof(norm));
	if ((rc = db_row(db, STMT_GENRE_BY_NAME, &res, "ssss", name, norm, name, name)) != DB_OK)
		return rc;
	*id = db_int(res, 0);
	db_res_free(res);
	return DB_OK;
}

/*
 * When the query q (trimmed, at most 64 bytes) names a genre, add that
 * genre's movies to the candidates, most popular first, at most
 * SEARCH_ROW_LIMIT of them, marked as the genre's. Returns DB_OK (also
 * when q is no genre) or an error.
 */
static int
search_genre(struct db *db, struct cands *c, const char *q)
{
	struct db_res	*res = NULL;
	struct cand	*s;
	char		 name[SEARCH_WORD_MAX + 1];
	const char	*end;
	long long	 gid;
	int		 rc;

	while (*q == ' ' || *q == '\t')
		q++;
	for (end = q + strlen(q); end > q && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	if (end == q || end - q > SEARCH_WORD_MAX)
		return DB_OK;
	snprintf(name, sizeof(name), "%.*s", (int)(end - q), q);
	if ((rc = db_catalog_genre_id(db, name, &gid)) == DB_ERR_NOTFOUND)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec(db, STMT_SEARCH_GENRE, &res, "ii", gid,
	    (long long)SEARCH_ROW_LIMIT)) != DB_OK)
		return rc;
	if (cands_reserve(c, db_rows(res)) == -1) {
		db_res_free(res);
		log_error("db_catalog_search: out of memory");
		return DB_ERR_INTERNAL;
	}
	while ((rc = db_next(res)) == 1) {
		s = cands_find(c, db_int(res, 0));
		if (s->id == 0) {
			s->id = db_int(res, 0);
			s->popularity = db_double(res, 1);
			if ((s->title = strdup(db_str(res, 2) ? db_str(res, 2) : "")) == NULL) {
				db_res_free(res);
				log_error("db_catalog_search: out of memory");
				return DB_ERR_INTERNAL;
			}
			c->n++;
		}
		s->genre = 1;
	}
	db_res_free(res);
	return rc < 0 ? rc : DB_OK;
}

/* Whether query word a (of nw) should be read before word b. */
static int
word_before(char words[][SEARCH_WORD_MAX], int nw, int a, int b)
{
	if ((a == nw - 1) != (b == nw - 1))
		return b == nw - 1;
	return strlen(words[a]) > strlen(words[b]);
}

int
db_catalog_search(struct db *db, const char *q, long long offset, int limit,
    long long *ids, int *nids, long long *total)
{
	static char		 norm[SEARCH_QUERY_MAX];
	char			 words[SEARCH_QUERY_WORDS][SEARCH_WORD_MAX];
	int			 order[SEARCH_QUERY_WORDS];
	struct cands		 c = { NULL, 0, 0 };
	struct search_hit	*hits = NULL;
	size_t			 i, nh = 0;
	int			 nw, nreq = 0, k, j, t, rc = DB_OK;

	*nids = 0;
	*total = 0;
	search_normalize(q, norm, sizeof(norm));
	nw = search_split(norm, words, SEARCH_QUERY_WORDS);
	/*
	 * The required words: all but stop words and a last word of one or two
	 * letters being typed ("star w"), or all when that leaves none. The
	 * words left out still count in the ranking (the title prefix).
	 */
	for (k = 0; k < nw; k++)
		if (!search_is_stopword(words[k]) && (k < nw - 1 || strlen(words[k]) >= 3))
			order[nreq++] = k;
	if (nreq == 0)
		for (k = 0; k < nw; k++)
			order[nreq++] = k;
	if (nreq == 0)
		return DB_OK;
	/*
	 * The first word sets the candidates, so it should be rare: whole words
	 * before the last one (which is also read by prefix, a far wider read),
	 * and longer words before shorter ones.
	 */
	for (k = 1; k < nreq; k++)
		for (j = k; j > 0 && word_before(words, nw, order[j], order[j - 1]); j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (k = 0; k < nreq; k++) {
		if ((rc = search_word(db, &c, words[order[k]], k, order[k] == nw - 1)) != DB_OK)
			goto out;
		if (c.n == 0)
			break;
	}
	/* A query that names a genre ("Sci-Fi", "documentary"): its movies come along. */
	if ((rc = search_genre(db, &c, q)) != DB_OK)
		goto out;
	if (c.n > 0 && (hits = calloc(c.n, sizeof(*hits))) == NULL) {
		log_error("db_catalog_search: out of memory");
		rc = DB_ERR_INTERNAL;
		goto out;
	}
	for (i = 0; i < c.cap; i++) {
		struct cand	*s = &c.slot[i];

		if (s->id == 0)
			continue;
		for (k = 0; k < nreq; k++)
			if (s->match[k] == SEARCH_MATCH_NONE)
				break;
		if (k < nreq && !s->genre)
			continue;
		hits[nh].id = s->id;
		hits[nh].popularity = s->popularity;
		hits[nh].tier = search_rank_genre(k < nreq ? -1 : search_tier(s->title, norm,
		    s->match, nreq), s->genre);
		nh++;
	}
	search_sort(hits, nh);
	*total = (long long)nh;
	for (i = (size_t)offset; offset >= 0 && i < nh && *nids < limit; i++)
		ids[(*nids)++] = hits[i].id;
out:
	free(hits);
	cands_free(&c);
	return rc;
}
