/* recommend.c: the recommendation core: TF-IDF content, item-item CF, blend, ranking, metrics. */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "recommend.h"

/* ---- top-k selection ---- */

/* a is worse than b: lower score, or the same score and a larger id. */
static int
worse(const struct rec_topk_ent *a, const struct rec_topk_ent *b)
{
	return a->s < b->s || (a->s == b->s && a->id > b->id);
}

static void
heap_down(struct rec_topk *h, size_t i)
{
	struct rec_topk_ent	 t;
	size_t		 c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && worse(&h->e[c + 1], &h->e[c]))
			c++;
		if (!worse(&h->e[c], &h->e[i]))
			break;
		t = h->e[c];
		h->e[c] = h->e[i];
		h->e[i] = t;
		i = c;
	}
}

void
rec_topk_offer(struct rec_topk *h, float s, long long id)
{
	struct rec_topk_ent	 x = { s, id }, t;
	size_t		 i, p;

	if (h->cap == 0)
		return;
	if (h->n == h->cap) {
		if (!worse(&h->e[0], &x))
			return;
		h->e[0] = x;
		heap_down(h, 0);
		return;
	}
	i = h->n++;
	h->e[i] = x;
	while (i > 0) {
		p = (i - 1) / 2;
		if (!worse(&h->e[i], &h->e[p]))
			break;
		t = h->e[p];
		h->e[p] = h->e[i];
		h->e[i] = t;
		i = p;
	}
}

static int
ent_best_first(const void *a, const void *b)
{
	const struct rec_topk_ent	*x = a, *y = b;

	if (worse(y, x))
		return -1;
	if (worse(x, y))
		return 1;
	return 0;
}

/* Empty the heap into best-first order (in place); returns the count. */
static size_t
heap_sort(struct rec_topk *h)
{
	size_t	 n = h->n;

	qsort(h->e, n, sizeof(*h->e), ent_best_first);
	h->n = 0;
	return n;
}

/* ---- sparse matrices ---- */

void
rec_csr_free(struct rec_csr *m)
{
	if (m == NULL)
		return;
	free(m->ptr);
	free(m->col);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

int
rec_csr_build(struct rec_csr *out, size_t nrows, size_t ncols, const uint32_t *rows,
    const uint32_t *cols, const float *vals, size_t nnz)
{
	size_t		*fill = NULL;	/* next free slot per row */
	size_t		 i, r, a, b, w;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	out->nrows = nrows;
	out->ncols = ncols;
	if ((out->ptr = calloc(nrows + 1, sizeof(*out->ptr))) == NULL ||
	    (fill = calloc(nrows + 1, sizeof(*fill))) == NULL ||
	    (out->col = malloc((nnz ? nnz : 1) * sizeof(*out->col))) == NULL ||
	    (out->val = malloc((nnz ? nnz : 1) * sizeof(*out->val))) == NULL)
		goto out;
	for (i = 0; i < nnz; i++) {
		if (rows[i] >= nrows || cols[i] >= ncols)
			goto out;
		out->ptr[rows[i] + 1]++;
	}
	for (r = 0; r < nrows; r++)
		out->ptr[r + 1] += out->ptr[r];
	memcpy(fill, out->ptr, (nrows + 1) * sizeof(*fill));
	for (i = 0; i < nnz; i++) {
		out->col[fill[rows[i]]] = cols[i];
		out->val[fill[rows[i]]++] = vals ? vals[i] : 1.0f;
	}
	/* Sort each row by column (insertion sort: rows are short) and sum duplicates. */
	w = 0;
	for (r = 0; r < nrows; r++) {
		a = out->ptr[r];
		b = out->ptr[r + 1];
		for (i = a + 1; i < b; i++) {
			uint32_t	 c = out->col[i];
			float		 v = out->val[i];
			size_t		 j = i;

			while (j > a && out->col[j - 1] > c) {
				out->col[j] = out->col[j - 1];
				out->val[j] = out->val[j - 1];
				j--;
			}
			out->col[j] = c;
			out->val[j] = v;
		}
		out->ptr[r] = w;
		for (i = a; i < b; i++) {
			if (w > out->ptr[r] && out->col[w - 1] == out->col[i])
				out->val[w - 1] += out->val[i];
			else {
				out->col[w] = out->col[i];
				out->val[w++] = out->val[i];
			}
		}
	}
	out->ptr[nrows] = w;
	rc = 0;
out:
	free(fill);
	if (rc == -1)
		rec_csr_free(out);
	return rc;
}

int
rec_csr_transpose(struct rec_csr *out, const struct rec_csr *m)
{
	size_t	 nnz = m->ptr[m->nrows], r, i, *fill = NULL;

	memset(out, 0, sizeof(*out));
	out->nrows = m->ncols;
	out->ncols = m->nrows;
	if ((out->ptr = calloc(out->nrows + 1, sizeof(*out->ptr))) == NULL ||
	    (fill = malloc((out->nrows + 1) * sizeof(*fill))) == NULL ||
	    (out->col = malloc((nnz ? nnz : 1) * sizeof(*out->col))) == NULL ||
	    (out->val = malloc((nnz ? nnz : 1) * sizeof(*out->val))) == NULL) {
		free(fill);
		rec_csr_free(out);
		return -1;
	}
	for (i = 0; i < nnz; i++)
		out->ptr[m->col[i] + 1]++;
	for (r = 0; r < out->nrows; r++)
		out->ptr[r + 1] += out->ptr[r];
	memcpy(fill, out->ptr, (out->nrows + 1) * sizeof(*fill));
	/* Rows of m in order, so each row of out comes out sorted. */
	for (r = 0; r < m->nrows; r++)
		for (i = m->ptr[r]; i < m->ptr[r + 1]; i++) {
			out->col[fill[m->col[i]]] = (uint32_t)r;
			out->val[fill[m->col[i]]++] = m->val ? m->val[i] : 1.0f;
		}
	free(fill);
	return 0;
}

/* ---- neighbour lists ---- */

int
rec_nbrs_init(struct rec_nbrs *nb, size_t n, size_t k)
{
	memset(nb, 0, sizeof(*nb));
	nb->n = n;
	nb->k = k;
	if ((nb->cnt = calloc(n ? n : 1, sizeof(*nb->cnt))) == NULL ||
	    (nb->idx = malloc((n * k + 1) * sizeof(*nb->idx))) == NULL ||
	    (nb->score = malloc((n * k + 1) * sizeof(*nb->score))) == NULL) {
		rec_nbrs_free(nb);
		return -1;
	}
	return 0;
}

void
rec_nbrs_free(struct rec_nbrs *nb)
{
	if (nb == NULL)
		return;
	free(nb->cnt);
	free(nb->idx);
	free(nb->score);
	memset(nb, 0, sizeof(*nb));
}

void
rec_nbrs_store(struct rec_nbrs *nb, size_t i, struct rec_topk *h)
{
	size_t	 n = heap_sort(h), r;

	for (r = 0; r < n; r++) {
		nb->idx[i * nb->k + r] = (uint32_t)h->e[r].id;
		nb->score[i * nb->k + r] = h->e[r].s;
	}
	nb->cnt[i] = (uint32_t)n;
}

/*
 * The shared shape of content and CF: each thread takes every
 * nthreads-th row, accumulates scores into a dense array of its own,
 * collects the touched items, and keeps the k best.
 */
struct job;
typedef void	(*row_fn)(const struct job *, size_t, float *, uint32_t *, size_t *,
		    unsigned char *);

struct job {
	size_t			 n;		/* items */
	size_t			 k;
	int			 nthreads;
	row_fn			 accumulate;	/* fill acc/touched for one row */
	float			(*finish)(const struct job *, size_t, uint32_t, float);
	struct rec_nbrs		*out;
	/* content */
	const struct rec_csr	*x;		/* normalised rows */
	const struct rec_csr	*post;		/* postings: feature -> items */
	const struct rec_csr	*common;	/* per row: its common features only */
	const size_t		*caplen;	/* per feature: postings used */
	const unsigned char	*is_common;
	const float		*cnorm;		/* per row: norm of its common part, or NULL */
	/* cf */
	const struct rec_csr	*iu;		/* item -> users */
	const struct rec_csr	*ui;		/* user -> items (capped) */
	const double		*pa;		/* n_i^alpha */
	const double		*pb;		/* n_i^(1-alpha) */
	double			 shrink;
};

/* One thread of a job: its arg (a struct job, or what another runner takes), stripe, result. */
struct worker {
	const void		*arg;
	int			 t;
	int			 rc;
};

static void *
worker_run(void *arg)
{
	struct worker		*wk = arg;
	const struct job	*j = wk->arg;
	float			*acc = NULL;
	uint32_t		*touched = NULL;
	unsigned char		*mark = NULL;
	struct rec_topk		 h = { NULL, 0, j->k };
	size_t			 i, t, nt;

	wk->rc = -1;
	if ((acc = calloc(j->n ? j->n : 1, sizeof(*acc))) == NULL ||
	    (touched = malloc((j->n ? j->n : 1) * sizeof(*touched))) == NULL ||
	    (mark = calloc(j->n ? j->n : 1, 1)) == NULL ||
	    (h.e = malloc((j->k ? j->k : 1) * sizeof(*h.e))) == NULL)
		goto out;
	for (i = (size_t)wk->t; i < j->n; i += (size_t)j->nthreads) {
		nt = 0;
		j->accumulate(j, i, acc, touched, &nt, mark);
		for (t = 0; t < nt; t++) {
			uint32_t	 c = touched[t];
			float		 s;

			/*
			 * With a full heap, a candidate whose best possible score
			 * (Cauchy-Schwarz on the common part) is below the worst kept
			 * cannot get in: skip its exact score. The margin covers
			 * float rounding, so the lists are exactly the unpruned ones.
			 */
			if (c != i && (j->cnorm == NULL || h.n < h.cap ||
			    (acc[c] + j->cnorm[i] * j->cnorm[c]) * 1.0001f + 1e-6f >= h.e[0].s)) {
				s = j->finish(j, i, c, acc[c]);
				if (s > 0)
					rec_topk_offer(&h, s, c);
			}
			acc[c] = 0;
			mark[c] = 0;
		}
		rec_nbrs_store(j->out, i, &h);
	}
	wk->rc = 0;
out:
	free(acc);
	free(touched);
	free(mark);
	free(h.e);
	return NULL;
}

/* A thread count asked for, brought into 1..64. */
static int
threads_clamp(int n)
{
	return n < 1 ? 1 : n > 64 ? 64 : n;
}

/*
 * Run fn on threads_clamp(nthreads) threads, this one included, each with
 * a struct worker of arg and its number t. Returns 0, or -1 when a thread
 * left its rc at -1.
 */
static int
threads_run(void *(*fn)(void *), const void *arg, int nthreads)
{
	struct worker	 wk[64];
	pthread_t	 tid[64];
	int		 n = threads_clamp(nthreads), t, started = 0, rc = 0;

	for (t = 0; t < n; t++) {
		wk[t].arg = arg;
		wk[t].t = t;
		wk[t].rc = -1;
	}
	for (t = 1; t < n; t++) {
		if (pthread_create(&tid[t], NULL, fn, &wk[t]) != 0)
			break;
		started++;
	}
	if (started != n - 1) {
		/* Could not start them all: do the missing ones here. */
		for (t = started + 1; t < n; t++)
			fn(&wk[t]);
	}
	fn(&wk[0]);
	for (t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (t = 0; t < n; t++)
		if (wk[t].rc != 0)
			rc = -1;
	return rc;
}

/* Run the job over every row with j->nthreads threads (each takes every nthreads-th row). */
static int
job_run(const struct job *j)
{
	((struct job *)j)->nthreads = threads_clamp(j->nthreads);
	return threads_run(worker_run, j, j->nthreads);
}

/* ---- content ---- */

/* A copy of feats into x, with its values (1 where feats has none). Returns 0 or -1. */
static int
csr_copy(struct rec_csr *x, const struct rec_csr *feats)
{
	size_t	 nnz = feats->ptr[feats->nrows], i;

	memset(x, 0, sizeof(*x));
	x->nrows = feats->nrows;
	x->ncols = feats->ncols;
	if ((x->ptr = malloc((x->nrows + 1) * sizeof(*x->ptr))) == NULL ||
	    (x->col = malloc((nnz ? nnz : 1) * sizeof(*x->col))) == NULL ||
	    (x->val = malloc((nnz ? nnz : 1) * sizeof(*x->val))) == NULL) {
		rec_csr_free(x);
		return -1;
	}
	memcpy(x->ptr, feats->ptr, (x->nrows + 1) * sizeof(*x->ptr));
	memcpy(x->col, feats->col, nnz * sizeof(*x->col));
	for (i = 0; i < nnz; i++)
		x->val[i] = feats->val ? feats->val[i] : 1.0f;
	return 0;
}

/* The entries of x whose column c has (flag[c] != 0) == want, into out. Returns 0 or -1. */
static int
csr_select(struct rec_csr *out, const struct rec_csr *x, const unsigned char *flag, int want)
{
	size_t	 nnz = x->ptr[x->nrows], r, i, w;

	memset(out, 0, sizeof(*out));
	out->nrows = x->nrows;
	out->ncols = x->ncols;
	if ((out->ptr = malloc((x->nrows + 1) * sizeof(*out->ptr))) == NULL ||
	    (out->col = malloc((nnz ? nnz : 1) * sizeof(*out->col))) == NULL ||
	    (out->val = malloc((nnz ? nnz : 1) * sizeof(*out->val))) == NULL) {
		rec_csr_free(out);
		return -1;
	}
	for (w = 0, r = 0; r < x->nrows; r++) {
		out->ptr[r] = w;
		for (i = x->ptr[r]; i < x->ptr[r + 1]; i++)
			if ((flag[x->col[i]] != 0) == want) {
				out->col[w] = x->col[i];
				out->val[w++] = x->val[i];
			}
	}
	out->ptr[x->nrows] = w;
	return 0;
}

/* The smoothed IDF of a feature in df of n items. */
static double
tfidf_idf(size_t n, size_t df)
{
	return log((1.0 + (double)n) / (1.0 + (double)df)) + 1.0;
}

/* rec_tfidf, and 1 / each row's norm before it into inv (0 for an empty row) when not NULL. */
static int
tfidf(struct rec_csr *x, double *inv)
{
	size_t	*df, r, i;
	double	 norm;

	if ((df = calloc(x->ncols ? x->ncols : 1, sizeof(*df))) == NULL)
		return -1;
	for (i = 0; i < x->ptr[x->nrows]; i++)
		df[x->col[i]]++;
	for (r = 0; r < x->nrows; r++) {
		norm = 0;
		for (i = x->ptr[r]; i < x->ptr[r + 1]; i++) {
			x->val[i] = (float)(x->val[i] * tfidf_idf(x->nrows, df[x->col[i]]));
			norm += (double)x->val[i] * x->val[i];
		}
		norm = sqrt(norm);
		if (norm > 0)
			for (i = x->ptr[r]; i < x->ptr[r + 1]; i++)
				x->val[i] = (float)(x->val[i] / norm);
		if (inv != NULL)
			inv[r] = norm > 0 ? 1.0 / norm : 0;
	}
	free(df);
	return 0;
}

int
rec_tfidf(struct rec_csr *x)
{
	return tfidf(x, NULL);
}

static void
content_acc(const struct job *j, size_t i, float *acc, uint32_t *touched, size_t *nt,
    unsigned char *mark)
{
	const struct rec_csr	*x = j->x, *p = j->post;
	size_t			 a, b, e;

	for (a = x->ptr[i]; a < x->ptr[i + 1]; a++) {
		uint32_t	 f = x->col[a];
		float		 v = x->val[a];

		b = p->ptr[f];
		e = p->ptr[f] + j->caplen[f];
		if (j->is_common[f]) {
			/* Scored exactly in content_finish: only the candidate. */
			for (; b < e; b++) {
				uint32_t	 c = p->col[b];

				if (!mark[c]) {
					mark[c] = 1;
					touched[(*nt)++] = c;
				}
			}
			continue;
		}
		for (; b < e; b++) {
			uint32_t	 c = p->col[b];

			acc[c] += v * p->val[b];
			if (!mark[c]) {
				mark[c] = 1;
				touched[(*nt)++] = c;
			}
		}
	}
}

/* The exact cosine: the accumulated rare part plus the common features' dot product. */
static float
content_finish(const struct job *j, size_t i, uint32_t c, float acc)
{
	const struct rec_csr	*m = j->common;
	size_t			 a = m->ptr[i], ae = m->ptr[i + 1];
	size_t			 b = m->ptr[c], be = m->ptr[c + 1];
	float			 s = acc;

	while (a < ae && b < be) {
		if (m->col[a] < m->col[b])
			a++;
		else if (m->col[a] > m->col[b])
			b++;
		else
			s += m->val[a++] * m->val[b++];
	}
	return s;
}

/* ---- content, exact, with the dense features factorised ---- */

/*
 * A dense feature has the same raw weight in every item that has it (a
 * genre, the language, the decade: group weight times a count of 1), so
 * its TF-IDF value in item c is a_f / norm_c. Items with the same set of
 * dense features (a "group": a bit mask of up to 64 of them) therefore
 * score against item i, on their dense part, C(i's mask, the group's mask)
 * / (norm_i norm_c), where C sums a_f^2 over the shared dense features:
 * within a group sorted by norm the best come first.
 *
 * Each row accumulates its rare features through the inverted index as
 * rec_content always did and adds the dense part of those candidates from
 * C. The candidates that share only dense features are taken best-first
 * from a merge of the groups' heads, which the rows of one group share,
 * until the next one cannot enter the top k. The lists are exactly the
 * brute-force ones (up to float rounding in ties), for about G^2 + the
 * rare postings instead of the sum of df^2 over every feature.
 */

#define DENSE_MAX	64
/*
 * Up to this many items rec_content is exact and grouped; above, frequent
 * features that are not dense (keywords past the 64 dense ones) would make
 * exact postings cost df^2, so the capped index of rec_content is used.
 */
#define REC_GROUPED_MAX_ITEMS	20000

struct gstream_ent {
	double		 v;		/* C * inv of the item: times inv_i, its score */
	uint32_t	 id;
};

struct gmerge_ent {
	double		 v;
	uint32_t	 id;
	uint32_t	 g;		/* its group */
	size_t		 pos;		/* its place in gmem */
};

struct grouped {
	size_t			 n;
	size_t			 k;
	size_t			 ngroups;
	const struct rec_csr	*x;	/* normalised rows, rare features only */
	const struct rec_csr	*post;	/* their postings */
	const uint64_t		*mask;	/* per group: its dense features */
	const size_t		*gptr;	/* per group: members gmem[gptr[g] .. gptr[g + 1]) */
	const uint32_t		*gmem;	/* each group's items, largest inv first, then by id */
	const uint32_t		*gid;	/* per item: its group */
	const double		*inv;	/* per item: 1 / its norm */
	double			 a2[DENSE_MAX];	/* per dense bit: a_f^2 */
	size_t			*next;	/* the next group to take, shared by the threads */
	struct rec_nbrs		*out;
};

/* a comes out of the merge before b: higher value, or the same and a smaller id. */
static int
gmerge_before(const struct gmerge_ent *a, const struct gmerge_ent *b)
{
	return a->v > b->v || (a->v == b->v && a->id < b->id);
}

static void
gmerge_down(struct gmerge_ent *e, size_t n, size_t i)
{
	struct gmerge_ent	 t;
	size_t			 c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && gmerge_before(&e[c + 1], &e[c]))
			c++;
		if (!gmerge_before(&e[c], &e[i]))
			break;
		t = e[c];
		e[c] = e[i];
		e[i] = t;
		i = c;
	}
}

/* Move the best head of the merge into the stream. Returns 0 when the merge is empty. */
static int
gmerge_pop(const struct grouped *gr, const double *C, struct gmerge_ent *e, size_t *n,
    struct gstream_ent *buf, size_t *nbuf)
{
	struct gmerge_ent	*top = &e[0];

	if (*n == 0)
		return 0;
	buf[*nbuf].v = top->v;
	buf[(*nbuf)++].id = top->id;
	if (++top->pos < gr->gptr[top->g + 1]) {
		top->id = gr->gmem[top->pos];
		top->v = C[top->g] * gr->inv[top->id];
	} else
		*top = e[--*n];
	gmerge_down(e, *n, 0);
	return 1;
}

static void *
grouped_run(void *arg)
{
	struct worker		*wk = arg;
	const struct grouped	*gr = wk->arg;
	const struct rec_csr	*x = gr->x, *p = gr->post;
	float			*acc = NULL;
	uint32_t		*touched = NULL;
	unsigned char		*mark = NULL;
	double			*C = NULL;
	struct gmerge_ent	*me = NULL;
	struct gstream_ent	*buf = NULL;
	struct rec_topk		 h = { NULL, 0, gr->k };
	size_t			 n = gr->n ? gr->n : 1, g, s, r, a, b, t, nt, nm, nbuf;

	wk->rc = -1;
	if ((acc = calloc(n, sizeof(*acc))) == NULL ||
	    (touched = malloc(n * sizeof(*touched))) == NULL ||
	    (mark = calloc(n, 1)) == NULL ||
	    (C = malloc((gr->ngroups ? gr->ngroups : 1) * sizeof(*C))) == NULL ||
	    (me = malloc((gr->ngroups ? gr->ngroups : 1) * sizeof(*me))) == NULL ||
	    (buf = malloc(n * sizeof(*buf))) == NULL ||
	    (h.e = malloc((gr->k ? gr->k : 1) * sizeof(*h.e))) == NULL)
		goto out;
	while ((g = __atomic_fetch_add(gr->next, 1, __ATOMIC_RELAXED)) < gr->ngroups) {
		/* What each group shares with this one, and the merge of their heads. */
		nm = nbuf = 0;
		for (s = 0; s < gr->ngroups; s++) {
			uint64_t	 m = gr->mask[g] & gr->mask[s];
			double		 c = 0;

			for (; m != 0; m &= m - 1)
				c += gr->a2[__builtin_ctzll(m)];
			C[s] = c;
			if (c > 0) {
				me[nm].g = (uint32_t)s;
				me[nm].pos = gr->gptr[s];
				me[nm].id = gr->gmem[gr->gptr[s]];
				me[nm].v = c * gr->inv[me[nm].id];
				nm++;
			}
		}
		for (s = nm / 2; s-- > 0;)
			gmerge_down(me, nm, s);
		for (r = gr->gptr[g]; r < gr->gptr[g + 1]; r++) {
			uint32_t	 i = gr->gmem[r];
			double		 inv_i = gr->inv[i];

			/* The rare features, exactly, plus those candidates' dense part. */
			nt = 0;
			for (a = x->ptr[i]; a < x->ptr[i + 1]; a++) {
				float	 v = x->val[a];

				for (b = p->ptr[x->col[a]]; b < p->ptr[x->col[a] + 1]; b++) {
					uint32_t	 c = p->col[b];

					acc[c] += v * p->val[b];
					if (!mark[c]) {
						mark[c] = 1;
						touched[nt++] = c;
					}
				}
			}
			for (t = 0; t < nt; t++) {
				uint32_t	 c = touched[t];
				float		 sc;

				if (c == i)
					continue;
				sc = acc[c] + (float)(C[gr->gid[c]] * inv_i * gr->inv[c]);
				if (sc > 0)
					rec_topk_offer(&h, sc, c);
			}
			/* Then the items sharing only dense features, best first. */
			for (t = 0;; t++) {
				float	 sc;

				if (t == nbuf && !gmerge_pop(gr, C, me, &nm, buf, &nbuf))
					break;
				sc = (float)(buf[t].v * inv_i);
				if (sc <= 0 || (h.n == h.cap && (h.cap == 0 || sc < h.e[0].s ||
				    (sc == h.e[0].s && buf[t].id > h.e[0].id))))
					break;
				if (buf[t].id != i && !mark[buf[t].id])
					rec_topk_offer(&h, sc, buf[t].id);
			}
			for (t = 0; t < nt; t++) {
				acc[touched[t]] = 0;
				mark[touched[t]] = 0;
			}
			rec_nbrs_store(gr->out, i, &h);
		}
	}
	wk->rc = 0;
out:
	free(acc);
	free(touched);
	free(mark);
	free(C);
	free(me);
	free(buf);
	free(h.e);
	return NULL;
}

/* Masks in increasing order. */
static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A dense candidate: features in the most items first, then by feature. */
struct dense_cand {
	size_t		 df;
	uint32_t	 f;
};

static int
dense_cmp(const void *a, const void *b)
{
	const struct dense_cand	*x = a, *y = b;

	if (x->df != y->df)
		return x->df > y->df ? -1 : 1;
	return x->f < y->f ? -1 : x->f > y->f;
}

/* An item in group order: by mask, then largest inv first, then by index. */
struct gitem {
	uint64_t	 mask;
	double		 inv;
	uint32_t	 id;
};

static int
gitem_cmp(const void *a, const void *b)
{
	const struct gitem	*x = a, *y = b;

	if (x->mask != y->mask)
		return x->mask < y->mask ? -1 : 1;
	if (x->inv != y->inv)
		return x->inv > y->inv ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Distinct values among the n masks m, each cut to its low d bits (tmp: n slots). */
static size_t
groups_count(const uint64_t *m, size_t n, int d, uint64_t *tmp)
{
	uint64_t	 low = d >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << d) - 1;
	size_t		 i, g = 0;

	for (i = 0; i < n; i++)
		tmp[i] = m[i] & low;
	qsort(tmp, n, sizeof(*tmp), u64_cmp);
	for (i = 0; i < n; i++)
		if (i == 0 || tmp[i] != tmp[i - 1])
			g++;
	return g;
}

/* rec_content with the dense features factorised (see grouped_run). Returns 0 or -1. */
static int
content_grouped(const struct rec_csr *feats, const struct rec_content_opts *o,
    struct rec_nbrs *out)
{
	static const int	 ds[] = { 0, 4, 8, 16, 24, 32, 48, 64 };
	struct rec_csr		 x = { 0 }, xr = { 0 }, post = { 0 };
	struct dense_cand	*cand = NULL;
	struct gitem		*items = NULL;
	struct grouped		 gr;
	size_t			 n = feats->nrows, nf = feats->ncols, nnz = feats->ptr[n];
	size_t			*df = NULL, *gptr = NULL, ncand = 0, ngroups = 0, next = 0;
	size_t			 i, f, r, b, ng;
	unsigned char		*uniform = NULL, *dense = NULL;
	float			*first = NULL;
	int			*bit = NULL;
	uint64_t		*mask = NULL, *tmp = NULL, *gmask = NULL, low;
	uint32_t		*gmem = NULL, *gid = NULL;
	double			*inv = NULL, total = 0, cum = 0, cost, best = -1;
	int			 d, bestd = 0, prevd = -1, rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&gr, 0, sizeof(gr));
	if ((df = calloc(nf ? nf : 1, sizeof(*df))) == NULL ||
	    (uniform = calloc(nf ? nf : 1, 1)) == NULL ||
	    (first = calloc(nf ? nf : 1, sizeof(*first))) == NULL ||
	    (bit = malloc((nf ? nf : 1) * sizeof(*bit))) == NULL ||
	    (dense = calloc(nf ? nf : 1, 1)) == NULL ||
	    (cand = malloc((nf ? nf : 1) * sizeof(*cand))) == NULL ||
	    (mask = calloc(n ? n : 1, sizeof(*mask))) == NULL ||
	    (tmp = malloc((n ? n : 1) * sizeof(*tmp))) == NULL ||
	    (inv = malloc((n ? n : 1) * sizeof(*inv))) == NULL)
		goto out;

	/* Dense candidates: in two items or more, with one raw weight in all. */
	for (i = 0; i < nnz; i++) {
		float	 v = feats->val ? feats->val[i] : 1.0f;

		f = feats->col[i];
		if (df[f]++ == 0) {
			first[f] = v;
			uniform[f] = 1;
		} else if (v != first[f])
			uniform[f] = 0;
	}
	for (f = 0; f < nf; f++) {
		total += (double)df[f] * (double)df[f];
		bit[f] = -1;
		if (uniform[f] && df[f] >= 2) {
			cand[ncand].df = df[f];
			cand[ncand++].f = (uint32_t)f;
		}
	}
	qsort(cand, ncand, sizeof(*cand), dense_cmp);
	if (ncand > DENSE_MAX)
		ncand = DENSE_MAX;
	for (b = 0; b < ncand; b++)
		bit[cand[b].f] = (int)b;
	for (r = 0; r < n; r++)
		for (i = feats->ptr[r]; i < feats->ptr[r + 1]; i++)
			if (bit[feats->col[i]] >= 0)
				mask[r] |= (uint64_t)1 << bit[feats->col[i]];

	/*
	 * How many of them: the cost is about G^2 (each group against each)
	 * plus the postings walked for the others (df^2 each).
	 */
	for (i = 0, b = 0; i < sizeof(ds) / sizeof(ds[0]); i++) {
		d = ds[i] < (int)ncand ? ds[i] : (int)ncand;
		if (d == prevd)
			continue;
		for (; b < (size_t)d; b++)
			cum += (double)cand[b].df * (double)cand[b].df;
		ng = groups_count(mask, n, d, tmp);
		cost = (double)ng * (double)ng + (total - cum);
		if (best < 0 || cost < best) {
			best = cost;
			bestd = d;
			ngroups = ng;
		}
		prevd = d;
	}
	low = bestd >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bestd) - 1;
	for (b = 0; b < (size_t)bestd; b++)
		dense[cand[b].f] = 1;
	for (r = 0; r < n; r++)
		mask[r] &= low;

	/* TF-IDF rows and norms; a_f^2 of the dense features. */
	if (csr_copy(&x, feats) == -1 || tfidf(&x, inv) == -1)
		goto out;
	for (b = 0; b < (size_t)bestd; b++) {
		double	 a = (float)(first[cand[b].f] * tfidf_idf(n, cand[b].df));

		gr.a2[b] = a * a;
	}

	/* The rare features alone, and their postings. */
	if (csr_select(&xr, &x, dense, 0) == -1 || rec_csr_transpose(&post, &xr) == -1)
		goto out;

	/* The groups: items sorted by mask, each group's best (smallest norm) first. */
	if ((items = malloc((n ? n : 1) * sizeof(*items))) == NULL ||
	    (gptr = malloc((ngroups + 1) * sizeof(*gptr))) == NULL ||
	    (gmask = malloc((ngroups ? ngroups : 1) * sizeof(*gmask))) == NULL ||
	    (gmem = malloc((n ? n : 1) * sizeof(*gmem))) == NULL ||
	    (gid = malloc((n ? n : 1) * sizeof(*gid))) == NULL)
		goto out;
	for (r = 0; r < n; r++) {
		items[r].mask = mask[r];
		items[r].inv = inv[r];
		items[r].id = (uint32_t)r;
	}
	qsort(items, n, sizeof(*items), gitem_cmp);
	for (ng = 0, r = 0; r < n; r++) {
		if (r == 0 || items[r].mask != items[r - 1].mask) {
			gptr[ng] = r;
			gmask[ng++] = items[r].mask;
		}
		gmem[r] = items[r].id;
		gid[items[r].id] = (uint32_t)(ng - 1);
	}
	assert(ng == ngroups);
	gptr[ngroups] = n;

	if (rec_nbrs_init(out, n, o->k) == -1)
		goto out;
	gr.n = n;
	gr.k = o->k;
	gr.ngroups = ngroups;
	gr.x = &xr;
	gr.post = &post;
	gr.mask = gmask;
	gr.gptr = gptr;
	gr.gmem = gmem;
	gr.gid = gid;
	gr.inv = inv;
	gr.next = &next;
	gr.out = out;
	rc = threads_run(grouped_run, &gr, o->threads);
	if (rc == -1)
		rec_nbrs_free(out);
out:
	rec_csr_free(&x);
	rec_csr_free(&xr);
	rec_csr_free(&post);
	free(df);
	free(uniform);
	free(first);
	free(bit);
	free(dense);
	free(cand);
	free(mask);
	free(tmp);
	free(inv);
	free(items);
	free(gptr);
	free(gmask);
	free(gmem);
	free(gid);
	return rc;
}

void
rec_content_defaults(struct rec_content_opts *o, size_t k, int threads)
{
	o->k = k;
	o->max_postings = REC_MAX_POSTINGS;
	o->common_cap = REC_COMMON_CAP;
	o->threads = threads;
}

/* A common feature's postings, best weight first, ties by item. */
static int
posting_cmp(const void *a, const void *b)
{
	const struct rec_topk_ent	*x = a, *y = b;

	return ent_best_first(x, y);
}

int
rec_content(const struct rec_csr *feats, const struct rec_content_opts *o, struct rec_nbrs *out)
{
	struct rec_csr	 x = { 0 }, post = { 0 }, common = { 0 };
	size_t		*caplen = NULL, f, i, r, maxp;
	unsigned char	*is_common = NULL;
	struct rec_topk_ent	*tmp = NULL;
	float		*cnorm = NULL;
	struct job	 j;
	int		 rc = -1;

	/* Up to REC_GROUPED_MAX_ITEMS: exact lists, the dense features factorised. */
	if (o->max_postings == 0 && feats->nrows <= REC_GROUPED_MAX_ITEMS)
		return content_grouped(feats, o, out);
	memset(out, 0, sizeof(*out));
	if (csr_copy(&x, feats) == -1 || rec_tfidf(&x) == -1 ||
	    rec_csr_transpose(&post, &x) == -1)
		goto out;
	if ((caplen = malloc((x.ncols ? x.ncols : 1) * sizeof(*caplen))) == NULL ||
	    (is_common = calloc(x.ncols ? x.ncols : 1, 1)) == NULL)
		goto out;
	/* Automatic (above REC_GROUPED_MAX_ITEMS): in over 0.5% of the items, at least 1,000. */
	if ((maxp = o->max_postings) == 0)
		maxp = x.nrows / 200 > 1000 ? x.nrows / 200 : 1000;
	for (f = 0; f < x.ncols; f++) {
		size_t	 df = post.ptr[f + 1] - post.ptr[f];

		caplen[f] = df;
		if (df <= maxp)
			continue;
		/* Common: keep the postings of highest weight first, for candidates. */
		is_common[f] = 1;
		if ((tmp = realloc(tmp, df * sizeof(*tmp))) == NULL)
			goto out;
		for (i = 0; i < df; i++) {
			tmp[i].s = post.val[post.ptr[f] + i];
			tmp[i].id = post.col[post.ptr[f] + i];
		}
		qsort(tmp, df, sizeof(*tmp), posting_cmp);
		for (i = 0; i < df; i++) {
			post.val[post.ptr[f] + i] = tmp[i].s;
			post.col[post.ptr[f] + i] = (uint32_t)tmp[i].id;
		}
		caplen[f] = df < o->common_cap ? df : o->common_cap;
	}
	/* Each row's common features alone, for exact scoring. */
	if (csr_select(&common, &x, is_common, 1) == -1)
		goto out;
	if ((cnorm = malloc((x.nrows ? x.nrows : 1) * sizeof(*cnorm))) == NULL)
		goto out;
	for (r = 0; r < x.nrows; r++) {
		double	 ss = 0;

		for (i = common.ptr[r]; i < common.ptr[r + 1]; i++)
			ss += (double)common.val[i] * common.val[i];
		cnorm[r] = (float)sqrt(ss);
	}
	if (rec_nbrs_init(out, x.nrows, o->k) == -1)
		goto out;
	memset(&j, 0, sizeof(j));
	j.n = x.nrows;
	j.k = o->k;
	j.nthreads = o->threads;
	j.accumulate = content_acc;
	j.finish = content_finish;
	j.out = out;
	j.x = &x;
	j.post = &post;
	j.common = &common;
	j.caplen = caplen;
	j.is_common = is_common;
	j.cnorm = cnorm;
	rc = job_run(&j);
out:
	if (rc == -1)
		rec_nbrs_free(out);
	rec_csr_free(&x);
	rec_csr_free(&post);
	rec_csr_free(&common);
	free(caplen);
	free(is_common);
	free(cnorm);
	free(tmp);
	return rc;
}

/* ---- collaborative ---- */

static void
cf_acc(const struct job *j, size_t i, float *acc, uint32_t *touched, size_t *nt,
    unsigned char *mark)
{
	const struct rec_csr	*iu = j->iu, *ui = j->ui;
	size_t			 a, b;

	for (a = iu->ptr[i]; a < iu->ptr[i + 1]; a++) {
		uint32_t	 u = iu->col[a];

		for (b = ui->ptr[u]; b < ui->ptr[u + 1]; b++) {
			uint32_t	 c = ui->col[b];

			acc[c] += 1.0f;
			if (!mark[c]) {
				mark[c] = 1;
				touched[(*nt)++] = c;
			}
		}
	}
}

static float
cf_finish(const struct job *j, size_t i, uint32_t c, float co)
{
	double	 d = j->pa[i] * j->pb[c];

	if (d <= 0)
		return 0;
	return (float)(co / d * (co / (co + j->shrink)));
}

int
rec_cf(const struct rec_csr *item_users, const struct rec_cf_opts *o, struct rec_nbrs *out)
{
	struct rec_csr	 ui = { 0 }, iu = { 0 };
	double		*pa = NULL, *pb = NULL;
	size_t		 n = item_users->nrows, u, i, w, len, keep;
	struct job	 j;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	if (rec_csr_transpose(&ui, item_users) == -1)
		goto out;
	/* A user with very many items adds their square: keep an even sample. */
	if (o->max_user_items > 0) {
		for (w = 0, u = 0; u < ui.nrows; u++) {
			size_t	 a = ui.ptr[u];

			len = ui.ptr[u + 1] - a;
			keep = len > o->max_user_items ? o->max_user_items : len;
			ui.ptr[u] = w;
			for (i = 0; i < keep; i++) {
				size_t	 s = a + i * len / keep;

				ui.col[w] = ui.col[s];
				ui.val[w++] = ui.val[s];
			}
		}
		ui.ptr[ui.nrows] = w;
	}
	if (rec_csr_transpose(&iu, &ui) == -1)
		goto out;
	if ((pa = malloc((n ? n : 1) * sizeof(*pa))) == NULL ||
	    (pb = malloc((n ? n : 1) * sizeof(*pb))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		double	 c = (double)(iu.ptr[i + 1] - iu.ptr[i]);

		pa[i] = pow(c, o->alpha);
		pb[i] = pow(c, 1.0 - o->alpha);
	}
	if (rec_nbrs_init(out, n, o->k) == -1)
		goto out;
	memset(&j, 0, sizeof(j));
	j.n = n;
	j.k = o->k;
	j.nthreads = o->threads;
	j.accumulate = cf_acc;
	j.finish = cf_finish;
	j.out = out;
	j.iu = &iu;
	j.ui = &ui;
	j.pa = pa;
	j.pb = pb;
	j.shrink = o->shrink;
	rc = job_run(&j);
out:
	if (rc == -1)
		rec_nbrs_free(out);
	rec_csr_free(&ui);
	rec_csr_free(&iu);
	free(pa);
	free(pb);
	return rc;
}

/* ---- EASE where it is modelled (recommend_ease.c), cosine elsewhere ---- */

int
rec_rank_lists(const struct rec_nbrs *similar, const struct rec_nbrs *ease, size_t nsimilar,
    double wsimilar, struct rec_nbrs *out)
{
	size_t	 i, c, r;

	assert(similar->n == ease->n);
	if (rec_nbrs_init(out, ease->n, ease->k > similar->k ? ease->k : similar->k) == -1)
		return -1;
	for (i = 0; i < out->n; i++) {
		const struct rec_nbrs	*from = ease->cnt[i] ? ease : similar;

		c = from == ease || from->cnt[i] < nsimilar ? from->cnt[i] : nsimilar;
		memcpy(out->idx + i * out->k, from->idx + i * from->k, c * sizeof(*out->idx));
		memcpy(out->score + i * out->k, from->score + i * from->k, c * sizeof(*out->score));
		if (from == similar)
			for (r = 0; r < c; r++)
				out->score[i * out->k + r] *= (float)wsimilar;
		out->cnt[i] = (uint32_t)c;
	}
	return 0;
}

void
rec_nbrs_overlay(struct rec_nbrs *base, const struct rec_nbrs *over)
{
	size_t	 i;

	assert(base->n == over->n && base->k == over->k);
	for (i = 0; i < base->n; i++) {
		if (over->cnt[i] == 0)
			continue;
		memcpy(base->idx + i * base->k, over->idx + i * over->k,
		    over->cnt[i] * sizeof(*base->idx));
		memcpy(base->score + i * base->k, over->score + i * over->k,
		    over->cnt[i] * sizeof(*base->score));
		base->cnt[i] = over->cnt[i];
	}
}

/* ---- blend ---- */

static int
ent_by_id(const void *a, const void *b)
{
	const struct rec_topk_ent	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int
rec_blend(const struct rec_nbrs *content, const struct rec_nbrs *cf, const uint32_t *nusers,
    double blend_users, size_t k, struct rec_nbrs *out)
{
	struct rec_topk_ent	*cand = NULL;
	struct rec_topk	 h = { NULL, 0, k };
	size_t		 i, r, n, m;
	double		 scale = 0;
	int		 rc = -1;

	assert(content->n == cf->n);
	memset(out, 0, sizeof(*out));
	if (rec_nbrs_init(out, content->n, k) == -1 ||
	    (cand = malloc((content->k + cf->k + 1) * sizeof(*cand))) == NULL ||
	    (h.e = malloc((k ? k : 1) * sizeof(*h.e))) == NULL)
		goto out;
	/* The CF scale: the mean top score of the items that have a CF list. */
	for (i = 0, r = 0; i < cf->n; i++)
		if (cf->cnt[i]) {
			scale += cf->score[i * cf->k];
			r++;
		}
	scale = r ? scale / (double)r : 1.0;
	for (i = 0; i < content->n; i++) {
		double	 nu = nusers ? nusers[i] : 0;
		double	 alpha = nu + blend_users > 0 ? nu / (nu + blend_users) : 1.0;
		float	 cmax = content->cnt[i] ? content->score[i * content->k] : 1;

		n = 0;
		/* Tag the source in the low bit of the id while merging. */
		for (r = 0; r < content->cnt[i]; r++) {
			cand[n].id = (long long)content->idx[i * content->k + r] * 2;
			cand[n++].s = (float)((1 - alpha) * scale *
			    content->score[i * content->k + r] / cmax);
		}
		for (r = 0; r < cf->cnt[i]; r++) {
			cand[n].id = (long long)cf->idx[i * cf->k + r] * 2 + 1;
			cand[n++].s = (float)(alpha * cf->score[i * cf->k + r]);
		}
		qsort(cand, n, sizeof(*cand), ent_by_id);
		for (r = 0; r < n; r = m) {
			float	 s = cand[r].s;

			for (m = r + 1; m < n && cand[m].id / 2 == cand[r].id / 2; m++)
				s += cand[m].s;
			if (s > 0)
				rec_topk_offer(&h, s, cand[r].id / 2);
		}
		rec_nbrs_store(out, i, &h);
	}
	rc = 0;
out:
	if (rc == -1)
		rec_nbrs_free(out);
	free(cand);
	free(h.e);
	return rc;
}

/* ---- ranking for one user ---- */

void
rec_rank_encode(unsigned char *e, uint64_t id, float w)
{
	uint32_t	 bits;
	int		 b;

	memcpy(&bits, &w, sizeof(bits));
	for (b = 0; b < 8; b++)
		e[b] = (unsigned char)(id >> (8 * b));
	for (b = 0; b < 4; b++)
		e[8 + b] = (unsigned char)(bits >> (8 * b));
}

void
rec_rank_decode(const unsigned char *e, uint64_t *id, float *w)
{
	uint32_t	 bits = 0;
	int		 b;

	*id = 0;
	for (b = 0; b < 8; b++)
		*id |= (uint64_t)e[b] << (8 * b);
	for (b = 0; b < 4; b++)
		bits |= (uint32_t)e[8 + b] << (8 * b);
	memcpy(w, &bits, sizeof(*w));
}

static int
ll_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static int
seed_cmp(const void *a, const void *b)
{
	const struct rec_seed	*x = a, *y = b;

	return (x->item > y->item) - (x->item < y->item);
}

/* A candidate of rec_rank in its hash table: summed score and the seed that gave most. */
struct cand {
	long long	 to;
	long long	 because;
	double		 s;
	double		 best;
	int		 used;
};

/* The slot of candidate to in tab (mask + 1 slots, a power of 2, never full). */
static struct cand *
cand_slot(struct cand *tab, size_t mask, long long to)
{
	size_t	 k = hash_slot(to, mask);

	while (tab[k].used && tab[k].to != to)
		k = (k + 1) & mask;
	return &tab[k];
}

/*
 * Double the candidate table *tab of *cap slots (a power of 2), moving
 * every used slot. Returns 0, or -1 when out of memory (*tab unchanged).
 */
static int
cand_grow(struct cand **tab, size_t *cap)
{
	struct cand	*t, *c;
	size_t		 i, ncap = *cap * 2;

	if ((t = calloc(ncap, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < *cap; i++)
		if ((*tab)[i].used) {
			c = cand_slot(t, ncap - 1, (*tab)[i].to);
			*c = (*tab)[i];
		}
	free(*tab);
	*tab = t;
	*cap = ncap;
	return 0;
}

size_t
rec_rank(const struct rec_edge *edges, size_t nedges, const struct rec_seed *seeds, size_t nseeds,
    const long long *exclude, size_t nexclude, size_t want, struct rec_pick *out)
{
	struct rec_seed	*sd = NULL;
	const struct rec_seed *f = NULL;	/* the seed of the previous edge */
	long long	*ex = NULL;
	struct cand	*tab = NULL, *c;
	struct rec_topk	 h = { NULL, 0, want };
	size_t		 i, cap = 1024, used = 0, n = (size_t)-1;

	/*
	 * One pass over the edges into a hash table (no sort of the edges),
	 * which grows with the candidates (far fewer than the edges when the
	 * lists are long) and stays at most half full.
	 */
	if ((sd = malloc((nseeds ? nseeds : 1) * sizeof(*sd))) == NULL ||
	    (ex = malloc((nexclude ? nexclude : 1) * sizeof(*ex))) == NULL ||
	    (h.e = malloc((want ? want : 1) * sizeof(*h.e))) == NULL ||
	    (tab = calloc(cap, sizeof(*tab))) == NULL)
		goto out;
	if (nseeds)
		memcpy(sd, seeds, nseeds * sizeof(*sd));
	if (nexclude)
		memcpy(ex, exclude, nexclude * sizeof(*ex));
	qsort(sd, nseeds, sizeof(*sd), seed_cmp);
	qsort(ex, nexclude, sizeof(*ex), ll_cmp);
	for (i = 0; i < nedges; i++) {
		struct rec_seed	 key = { edges[i].from, 0 };
		double		 v;

		/* A seed's edges usually come together: look it up once for them. */
		if (f == NULL || f->item != edges[i].from)
			f = bsearch(&key, sd, nseeds, sizeof(*sd), seed_cmp);
		if (f == NULL)
			continue;
		v = (double)f->weight * edges[i].score;
		c = cand_slot(tab, cap - 1, edges[i].to);
		if (!c->used) {
			if (used + 1 > cap / 2) {
				if (cand_grow(&tab, &cap) == -1)
					goto out;
				c = cand_slot(tab, cap - 1, edges[i].to);
			}
			used++;
			c->used = 1;
			c->to = edges[i].to;
			c->best = -INFINITY;
		}
		c->s += v;
		/* The seed that gave most names the pick (ties: the smaller seed). */
		if (v > c->best || (v == c->best && edges[i].from < c->because)) {
			c->best = v;
			c->because = edges[i].from;
		}
	}
	for (i = 0; i < cap; i++) {
		struct rec_seed	 key = { tab[i].to, 0 };

		if (!tab[i].used || tab[i].s <= 0 ||
		    bsearch(&tab[i].to, ex, nexclude, sizeof(*ex), ll_cmp) != NULL ||
		    bsearch(&key, sd, nseeds, sizeof(*sd), seed_cmp) != NULL)
			continue;
		rec_topk_offer(&h, (float)tab[i].s, tab[i].to);
	}
	n = heap_sort(&h);
	for (i = 0; i < n; i++) {
		out[i].item = h.e[i].id;
		out[i].score = h.e[i].s;
		out[i].because = cand_slot(tab, cap - 1, h.e[i].id)->because;
	}
out:
	free(sd);
	free(ex);
	free(h.e);
	free(tab);
	return n;
}

/* ---- metrics ---- */

void
rec_metrics_add(struct rec_metrics *m, const long long *ranked, size_t nranked,
    const long long *relevant, size_t nrel, size_t k)
{
	double	 dcg = 0, idcg = 0;
	size_t	 r, i, hits = 0;

	if (nrel == 0 || k == 0)
		return;
	for (r = 0; r < nranked && r < k; r++)
		for (i = 0; i < nrel; i++)
			if (ranked[r] == relevant[i]) {
				hits++;
				dcg += 1.0 / log2((double)r + 2.0);
				break;
			}
	for (r = 0; r < k && r < nrel; r++)
		idcg += 1.0 / log2((double)r + 2.0);
	m->precision += (double)hits / (double)k;
	m->recall += (double)hits / (double)nrel;
	m->ndcg += dcg / idcg;
	m->hit += hits > 0;
	m->users++;
}

void
rec_metrics_done(struct rec_metrics *m)
{
	if (m->users == 0)
		return;
	m->precision /= (double)m->users;
	m->recall /= (double)m->users;
	m->ndcg /= (double)m->users;
	m->hit /= (double)m->users;
}
