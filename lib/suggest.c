/* suggest.c: completions while typing: titles, people and genres by prefix, with one typo allowed, most popular first. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "suggest.h"

#define NONE		UINT32_MAX	/* no key */
#define EXACT_MAX	64		/* entries whose key is the query, looked at */
#define POPS_MAX	256		/* heap steps of one range: bounds a range of one entry's many keys */
#define FOUND_MAX	(SUGGEST_MAX * 8)

/* One entry: what a completion names. */
struct entry {
	long long	 id;
	double		 popularity;
	uint32_t	 text;		/* offset into pool */
	uint8_t		 kind;
};

/* One key: a normalised string an entry is found by. */
struct key {
	uint32_t	 str;		/* offset into pool */
	uint32_t	 entry;
};

struct suggest_index {
	struct entry	*e;
	size_t		 ne, ce;
	struct key	*k;
	size_t		 nk, ck;
	char		*pool;		/* texts and keys, each NUL-terminated */
	size_t		 np, cp;
	/*
	 * A tournament tree over the sorted keys: node i holds the key of the
	 * most popular entry below it (leaves from tsize), so the best keys of
	 * any range of keys come out in O(log n) each.
	 */
	uint32_t	*tree;
	size_t		 tsize;
	int		 finished;
};

/* ---- keys of an entry ---- */

/* Append key (len bytes) to out (SUGGEST_KEYS_MAX) unless it is there already or empty. */
static size_t
keys_append(char *out, size_t o, const char *key, size_t len)
{
	const char	*p = out;
	size_t		 n;

	if (len >= SUGGEST_KEY_MAX)
		len = SUGGEST_KEY_MAX - 1;
	while (len > 0 && key[len - 1] == ' ')
		len--;
	if (len == 0)
		return o;
	while (p < out + o) {
		n = strcspn(p, "|");
		if (n == len && memcmp(p, key, len) == 0)
			return o;
		p += n + (p[n] == '|');
	}
	if (o + (o > 0) + len + 1 > SUGGEST_KEYS_MAX)
		return o;
	if (o > 0)
		out[o++] = '|';
	memcpy(out + o, key, len);
	o += len;
	out[o] = '\0';
	return o;
}

/* Append the keys of one normalised text of an entry of kind. */
static size_t
keys_of(enum suggest_kind kind, const char *norm, size_t len, char *out, size_t o)
{
	static const char *const articles[] = { "the ", "a ", "an " };
	const char	*sp;
	size_t		 i, n;

	o = keys_append(out, o, norm, len);
	if (kind == SUGGEST_TITLE) {
		for (i = 0; i < sizeof(articles) / sizeof(articles[0]); i++) {
			n = strlen(articles[i]);
			if (len > n && strncmp(norm, articles[i], n) == 0)
				o = keys_append(out, o, norm + n, len - n);
		}
	} else if (kind == SUGGEST_PERSON) {
		for (sp = NULL, i = 0; i < len; i++)
			if (norm[i] == ' ')
				sp = norm + i;
		if (sp != NULL && (size_t)(norm + len - sp - 1) >= 2)
			o = keys_append(out, o, sp + 1, (size_t)(norm + len - sp - 1));
	}
	return o;
}

size_t
suggest_keys(enum suggest_kind kind, const char *text, const char *alternates, char *out)
{
	char		 norm[SEARCH_QUERY_MAX], one[SEARCH_QUERY_MAX];
	const char	*p;
	size_t		 o = 0, n, len;

	out[0] = '\0';
	if (text != NULL) {
		len = search_normalize(text, norm, sizeof(norm));
		o = keys_of(kind, norm, len, out, o);
	}
	for (p = alternates; p != NULL && *p != '\0'; p += n + (p[n] == '|')) {
		n = strcspn(p, "|");
		if (n == 0 || n >= sizeof(one))
			continue;
		memcpy(one, p, n);
		one[n] = '\0';
		len = search_normalize(one, norm, sizeof(norm));
		o = keys_of(kind, norm, len, out, o);
	}
	return o;
}

/* ---- building ---- */

struct suggest_index *
suggest_new(void)
{
	return calloc(1, sizeof(struct suggest_index));
}

void
suggest_free(struct suggest_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->e);
	free(ix->k);
	free(ix->pool);
	free(ix->tree);
	free(ix);
}

/* Grow an array to hold one more item. Returns 0 or -1. */
static int
grow(void **p, size_t *cap, size_t n, size_t size)
{
	void	*q;
	size_t	 c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 1024;
	if ((q = realloc(*p, c * size)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* Copy s (len bytes) into the pool; *off receives its offset. Returns 0 or -1. */
static int
pool_put(struct suggest_index *ix, const char *s, size_t len, uint32_t *off)
{
	char	*q;
	size_t	 c;

	if (ix->np + len + 1 > UINT32_MAX)
		return -1;
	if (ix->np + len + 1 > ix->cp) {
		for (c = ix->cp ? ix->cp : 65536; c < ix->np + len + 1; c *= 2)
			;
		if ((q = realloc(ix->pool, c)) == NULL)
			return -1;
		ix->pool = q;
		ix->cp = c;
	}
	memcpy(ix->pool + ix->np, s, len);
	ix->pool[ix->np + len] = '\0';
	*off = (uint32_t)ix->np;
	ix->np += len + 1;
	return 0;
}

int
suggest_add(struct suggest_index *ix, enum suggest_kind kind, long long id, double popularity,
    const char *text, const char *keys)
{
	struct entry	*e;
	const char	*p;
	size_t		 n;

	if (ix->finished || ix->ne >= NONE ||
	    grow((void **)&ix->e, &ix->ce, ix->ne, sizeof(*ix->e)) == -1)
		return -1;
	e = &ix->e[ix->ne];
	e->id = id;
	e->popularity = popularity;
	e->kind = (uint8_t)kind;
	if (pool_put(ix, text, strlen(text), &e->text) == -1)
		return -1;
	for (p = keys; p != NULL && *p != '\0'; p += n + (p[n] == '|')) {
		if ((n = strcspn(p, "|")) == 0 || n >= SUGGEST_KEY_MAX)
			continue;
		if (grow((void **)&ix->k, &ix->ck, ix->nk, sizeof(*ix->k)) == -1 ||
		    pool_put(ix, p, n, &ix->k[ix->nk].str) == -1)
			return -1;
		ix->k[ix->nk].entry = (uint32_t)ix->ne;
		ix->nk++;
	}
	ix->ne++;
	return 0;
}

static const char	*sort_pool;	/* the pool keys point into, while they are sorted */

static int
key_cmp(const void *a, const void *b)
{
	const struct key	*x = a, *y = b;
	int			 c = strcmp(sort_pool + x->str, sort_pool + y->str);

	return c != 0 ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

/* The more popular of two keys' entries (ties: the earlier key). */
static uint32_t
better(const struct suggest_index *ix, uint32_t a, uint32_t b)
{
	double	 pa, pb;

	if (a == NONE)
		return b;
	if (b == NONE)
		return a;
	pa = ix->e[ix->k[a].entry].popularity;
	pb = ix->e[ix->k[b].entry].popularity;
	return pa > pb || (pa == pb && a < b) ? a : b;
}

int
suggest_finish(struct suggest_index *ix)
{
	size_t	 i;

	if (ix->finished)
		return 0;
	sort_pool = ix->pool;
	if (ix->nk > 1)
		qsort(ix->k, ix->nk, sizeof(*ix->k), key_cmp);
	sort_pool = NULL;
	for (ix->tsize = 1; ix->tsize < ix->nk; ix->tsize *= 2)
		;
	if ((ix->tree = malloc(2 * ix->tsize * sizeof(*ix->tree))) == NULL)
		return -1;
	for (i = 0; i < ix->tsize; i++)
		ix->tree[ix->tsize + i] = i < ix->nk ? (uint32_t)i : NONE;
	for (i = ix->tsize - 1; i >= 1; i--)
		ix->tree[i] = better(ix, ix->tree[2 * i], ix->tree[2 * i + 1]);
	ix->finished = 1;
	return 0;
}

size_t
suggest_entries(const struct suggest_index *ix)
{
	return ix ? ix->ne : 0;
}

size_t
suggest_nkeys(const struct suggest_index *ix)
{
	return ix ? ix->nk : 0;
}

size_t
suggest_bytes(const struct suggest_index *ix)
{
	if (ix == NULL)
		return 0;
	return ix->ce * sizeof(*ix->e) + ix->ck * sizeof(*ix->k) + ix->cp +
	    2 * ix->tsize * sizeof(*ix->tree);
}

/* ---- looking up ---- */

static const char *
key_str(const struct suggest_index *ix, size_t i)
{
	return ix->pool + ix->k[i].str;
}

/* The most popular key in [l, r). */
static uint32_t
range_best(const struct suggest_index *ix, size_t l, size_t r)
{
	uint32_t	 best = NONE;

	for (l += ix->tsize, r += ix->tsize; l < r; l /= 2, r /= 2) {
		if (l & 1)
			best = better(ix, best, ix->tree[l++]);
		if (r & 1)
			best = better(ix, best, ix->tree[--r]);
	}
	return best;
}

/* What a lookup has found so far. */
struct found {
	struct suggest_hit	 h[FOUND_MAX];
	uint32_t		 entry[FOUND_MAX];
	size_t			 n;
};

/*
 * Add entry e as a hit of tier unless it was found already. When f is
 * full, it takes the place of the least popular hit of a worse or equal
 * tier, if it is more popular. Returns 1 when it was added.
 */
static int
found_add(const struct suggest_index *ix, struct found *f, uint32_t e, int tier)
{
	const struct entry	*en = &ix->e[e];
	size_t			 i, at, worst = FOUND_MAX;

	for (i = 0; i < f->n; i++)
		if (f->entry[i] == e)
			return 0;
	if (f->n < FOUND_MAX)
		at = f->n++;
	else {
		for (i = 0; i < f->n; i++)
			if (f->h[i].tier >= tier && (worst == FOUND_MAX ||
			    f->h[i].tier > f->h[worst].tier || (f->h[i].tier == f->h[worst].tier &&
			    f->h[i].popularity < f->h[worst].popularity)))
				worst = i;
		if (worst == FOUND_MAX || (f->h[worst].tier == tier &&
		    f->h[worst].popularity >= en->popularity))
			return 0;
		at = worst;
	}
	f->entry[at] = e;
	f->h[at].kind = (enum suggest_kind)en->kind;
	f->h[at].id = en->id;
	f->h[at].text = ix->pool + en->text;
	f->h[at].popularity = en->popularity;
	f->h[at].tier = tier;
	return 1;
}

/* A range of keys in the heap of best_of: its best key and its bounds. */
struct span {
	uint32_t	 best;
	uint32_t	 l, r;
	double		 pop;		/* the best key's entry's popularity */
};

/* A max-heap of spans by pop. */
struct heap {
	struct span	 s[2 * POPS_MAX + 2];
	size_t		 n;
};

/* Push the span [l, r) of keys, when it is not empty. */
static void
heap_push(const struct suggest_index *ix, struct heap *h, size_t l, size_t r)
{
	struct span	 t;
	size_t		 i, up;

	if (l >= r || h->n >= sizeof(h->s) / sizeof(h->s[0]))
		return;
	t.best = range_best(ix, l, r);
	t.l = (uint32_t)l;
	t.r = (uint32_t)r;
	t.pop = ix->e[ix->k[t.best].entry].popularity;
	for (i = h->n++; i > 0 && h->s[up = (i - 1) / 2].pop < t.pop; i = up)
		h->s[i] = h->s[up];
	h->s[i] = t;
}

/* Take the best span off the heap (which is not empty). */
static struct span
heap_pop(struct heap *h)
{
	struct span	 top = h->s[0], last = h->s[--h->n];
	size_t		 i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->s[c + 1].pop > h->s[c].pop)
			c++;
		if (h->s[c].pop <= last.pop)
			break;
		h->s[i] = h->s[c];
		i = c;
	}
	if (h->n > 0)
		h->s[i] = last;
	return top;
}

/*
 * Add the want most popular entries of the keys [l, r) to f, as tier:
 * the range is split around its best key, again and again, best first
 * (an entry found by several keys of the range counts once).
 */
static void
best_of(const struct suggest_index *ix, size_t l, size_t r, size_t want, int tier, struct found *f)
{
	struct heap	 h;
	struct span	 s;
	size_t		 pops = 0, added = 0;

	h.n = 0;
	heap_push(ix, &h, l, r);
	while (h.n > 0 && added < want && pops++ < POPS_MAX) {
		s = heap_pop(&h);
		added += found_add(ix, f, ix->k[s.best].entry, tier);
		heap_push(ix, &h, s.l, s.best);
		heap_push(ix, &h, (size_t)s.best + 1, s.r);
	}
}

/* The first key in [lo, hi) not less than s (len bytes, compared as a prefix). */
static size_t
lower_in(const struct suggest_index *ix, const char *s, size_t len, size_t lo, size_t hi)
{
	size_t	 mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strncmp(key_str(ix, mid), s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first key in [lo, hi) after those starting with s (len bytes). */
static size_t
end_in(const struct suggest_index *ix, const char *s, size_t len, size_t lo, size_t hi)
{
	size_t	 mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strncmp(key_str(ix, mid), s, len) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Look v (len bytes) up as a prefix among the keys [lo, hi) (all of which
 * share v's first bytes up to the edit); adds what it finds to f as tier 2.
 */
static void
variant(const struct suggest_index *ix, const char *v, size_t len, size_t lo, size_t hi,
    size_t want, struct found *f)
{
	size_t	 a = lower_in(ix, v, len, lo, hi);

	if (a >= hi || strncmp(key_str(ix, a), v, len) != 0)
		return;
	best_of(ix, a, end_in(ix, v, len, a, hi), want, 2, f);
}

/*
 * Every query one typo away inside a word of five letters or more (search's
 * rule), each looked up as a prefix: a letter deleted, two neighbours
 * swapped, a letter replaced, a letter inserted. An edit at byte i keeps
 * the query's first i bytes, so it is looked for only among the keys that
 * start with them ([lo, hi), narrowed byte by byte; when no key starts so,
 * no later edit can match either), and the letters tried for a replacement
 * or an insertion are those the keys there have at byte i, not a whole
 * alphabet.
 */
static void
typos(const struct suggest_index *ix, const char *q, size_t len, size_t want, struct found *f)
{
	char		 v[SEARCH_QUERY_MAX + 2];
	size_t		 ws, we, i, lo, hi, j, end;
	unsigned char	 c;

	for (ws = 0; ws < len; ws = we + 1) {
		for (we = ws; we < len && q[we] != ' '; we++)
			;
		if (we - ws < SEARCH_FUZZY_MIN || we - ws > SEARCH_FUZZY_MAX)
			continue;
		lo = lower_in(ix, q, ws, 0, ix->nk);
		hi = end_in(ix, q, ws, lo, ix->nk);
		for (i = ws; i <= we && lo < hi; i++) {
			/* [lo, hi): the keys that start with q's first i bytes. */
			if (i < we) {
				memcpy(v, q, i);				/* without byte i */
				memcpy(v + i, q + i + 1, len - i - 1);
				variant(ix, v, len - 1, lo, hi, want, f);
				if (i + 1 < we && q[i] != q[i + 1]) {		/* i and i + 1 swapped */
					memcpy(v, q, len);
					v[i] = q[i + 1];
					v[i + 1] = q[i];
					variant(ix, v, len, lo, hi, want, f);
				}
			}
			/* Each byte the keys here have at i: replacing byte i, or inserted before it. */
			for (j = lo; j < hi; j = end) {
				c = (unsigned char)key_str(ix, j)[i];
				memcpy(v, q, i);
				v[i] = (char)c;
				end = c == '\0' ? j + 1 : end_in(ix, v, i + 1, j, hi);
				if (c == '\0' || c == ' ')
					continue;
				if (i < we && c != (unsigned char)q[i]) {
					memcpy(v + i + 1, q + i + 1, len - i - 1);
					variant(ix, v, len, j, end, want, f);
				}
				if (i < len && (i == ws || c != (unsigned char)q[i - 1])) {
					memcpy(v + i + 1, q + i, len - i);
					variant(ix, v, len + 1, j, end, want, f);
				}
			}
			if (i < we) {					/* narrow to i + 1 bytes */
				lo = lower_in(ix, q, i + 1, lo, hi);
				hi = end_in(ix, q, i + 1, lo, hi);
			}
		}
	}
}

/* Order: tier, then popularity, then kind and id. */
static int
hit_cmp(const void *a, const void *b)
{
	const struct suggest_hit	*x = a, *y = b;

	if (x->tier != y->tier)
		return x->tier - y->tier;
	if (x->popularity != y->popularity)
		return x->popularity > y->popularity ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return (x->id > y->id) - (x->id < y->id);
}

size_t
suggest_lookup(const struct suggest_index *ix, const char *query, struct suggest_hit *out,
    size_t max)
{
	struct found		 f;
	char			 q[SEARCH_QUERY_MAX];
	size_t			 len, lo, hi, i, tier1;

	if (ix == NULL || !ix->finished || ix->nk == 0 || query == NULL)
		return 0;
	if (max > SUGGEST_MAX)
		max = SUGGEST_MAX;
	if ((len = search_normalize(query, q, sizeof(q))) == 0 || len >= SUGGEST_KEY_MAX)
		return 0;
	f.n = 0;
	lo = lower_in(ix, q, len, 0, ix->nk);
	/* Tier 0: a key is the query (they sort first in its range). */
	for (i = lo; i < ix->nk && i < lo + EXACT_MAX && strcmp(key_str(ix, i), q) == 0; i++)
		found_add(ix, &f, ix->k[i].entry, 0);
	/* Tier 1: the most popular of the keys that start with it. */
	if (lo < ix->nk && strncmp(key_str(ix, lo), q, len) == 0) {
		hi = end_in(ix, q, len, lo, ix->nk);
		best_of(ix, lo, hi, max, 1, &f);
	}
	tier1 = f.n;
	/* Tier 2: with a typo, while the first two leave room. */
	if (tier1 < max)
		typos(ix, q, len, max, &f);
	qsort(f.h, f.n, sizeof(f.h[0]), hit_cmp);
	if (f.n > max)
		f.n = max;
	memcpy(out, f.h, f.n * sizeof(f.h[0]));
	return f.n;
}
