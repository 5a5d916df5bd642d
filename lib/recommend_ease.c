/* recommend_ease.c: EASE (Steck 2019) for the recommendation core, solved with LAPACK. */
#include <lapacke.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recommend.h"

/* One item and its number of users, to choose the modelled items. */
struct ease_item {
	size_t		 users;
	uint32_t	 item;
};

/* Most users first, ties by item index. */
static int
ease_item_cmp(const void *a, const void *b)
{
	const struct ease_item	*x = a, *y = b;

	if (x->users != y->users)
		return x->users < y->users ? 1 : -1;
	return (x->item > y->item) - (x->item < y->item);
}

/*
 * Choose the modelled items into item (at most o->max_items, each with at
 * least o->min_users users, most users first) and set pos[i] to item i's
 * place among them or UINT32_MAX. Returns their number, or (size_t)-1 when
 * out of memory.
 */
static size_t
ease_choose(const struct rec_csr *iu, const struct rec_ease_opts *o, uint32_t *item, uint32_t *pos)
{
	struct ease_item	*order;
	size_t			 n = iu->nrows, i, m;

	if ((order = malloc((n ? n : 1) * sizeof(*order))) == NULL)
		return (size_t)-1;
	for (i = 0; i < n; i++) {
		order[i].users = iu->ptr[i + 1] - iu->ptr[i];
		order[i].item = (uint32_t)i;
		pos[i] = UINT32_MAX;
	}
	qsort(order, n, sizeof(*order), ease_item_cmp);
	for (m = 0; m < n && m < o->max_items && order[m].users > 0 &&
	    order[m].users >= o->min_users; m++) {
		item[m] = order[m].item;
		pos[item[m]] = (uint32_t)m;
	}
	free(order);
	return m;
}

void
rec_ease_defaults(struct rec_ease_opts *o, size_t k)
{
	o->k = k;
	o->rank_k = REC_RANK_K;
	o->max_items = REC_EASE_ITEMS;
	o->min_users = REC_EASE_MIN_USERS;
	o->lambda = REC_EASE_LAMBDA;
}

int
rec_ease(const struct rec_csr *item_users, const struct rec_ease_opts *o, struct rec_nbrs *out,
    struct rec_nbrs *rank)
{
	struct rec_csr		 ui = { 0 };
	struct rec_topk		 h = { NULL, 0, o->k }, hr = { NULL, 0, o->rank_k };
	uint32_t		*pos = NULL, *item = NULL;
	double			*g = NULL;
	size_t			 n = item_users->nrows, m = 0, i, j, u, a, b;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	if (rank != NULL)
		memset(rank, 0, sizeof(*rank));
	if (rec_nbrs_init(out, n, o->k) == -1 ||
	    (rank != NULL && rec_nbrs_init(rank, n, o->rank_k) == -1))
		goto out;
	if (o->lambda <= 0)
		goto out;
	if ((pos = malloc((n ? n : 1) * sizeof(*pos))) == NULL ||
	    (item = malloc((n ? n : 1) * sizeof(*item))) == NULL ||
	    (m = ease_choose(item_users, o, item, pos)) == (size_t)-1)
		goto out;
	if (m < 2) {
		rc = 0;
		goto out;
	}
	/* The Gram matrix X'X + lambda I, lower triangle, column-major (LAPACK's order). */
	if ((g = calloc(m * m, sizeof(*g))) == NULL || rec_csr_transpose(&ui, item_users) == -1)
		goto out;
	for (u = 0; u < ui.nrows; u++)
		for (a = ui.ptr[u]; a < ui.ptr[u + 1]; a++) {
			uint32_t	 pa = pos[ui.col[a]];

			if (pa == UINT32_MAX)
				continue;
			for (b = ui.ptr[u]; b <= a; b++) {
				uint32_t	 pb = pos[ui.col[b]];

				if (pb == UINT32_MAX)
					continue;
				if (pa >= pb)
					g[(size_t)pb * m + pa] += 1;
				else
					g[(size_t)pa * m + pb] += 1;
			}
		}
	for (i = 0; i < m; i++)
		g[i * m + i] += o->lambda;
	/* P = (X'X + lambda I)^-1: Cholesky, then the inverse from it, both in place. */
	if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', (lapack_int)m, g, (lapack_int)m) != 0 ||
	    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', (lapack_int)m, g, (lapack_int)m) != 0)
		goto out;
	/* Mirror the lower triangle, so that column i (contiguous) is row i of P. */
	for (j = 0; j < m; j++)
		for (i = j + 1; i < m; i++)
			g[i * m + j] = g[j * m + i];
	/*
	 * B_ij = -P_ij / P_jj. Item i's neighbours: the k items j of highest
	 * positive B_ij; its ranking list: the rank_k of largest |B_ij|, the
	 * negative ones included (they push down what only co-occurs with
	 * popular movies), chosen with the sign in the low bit of the id.
	 */
	if ((h.e = malloc((o->k ? o->k : 1) * sizeof(*h.e))) == NULL ||
	    (hr.e = malloc((o->rank_k ? o->rank_k : 1) * sizeof(*hr.e))) == NULL)
		goto out;
	for (i = 0; i < m; i++) {
		const double	*pi = g + i * m;

		for (j = 0; j < m; j++) {
			double	 bij = -pi[j] / g[j * m + j];

			if (j == i || bij == 0)
				continue;
			if (bij > 0)
				rec_topk_offer(&h, (float)bij, (long long)item[j]);
			if (rank != NULL)
				rec_topk_offer(&hr, (float)fabs(bij), (long long)item[j] * 2 + (bij < 0));
		}
		rec_nbrs_store(out, item[i], &h);
		if (rank == NULL)
			continue;
		rec_nbrs_store(rank, item[i], &hr);
		for (j = 0; j < rank->cnt[item[i]]; j++) {
			uint32_t	*id = &rank->idx[(size_t)item[i] * rank->k + j];

			if (*id & 1)
				rank->score[(size_t)item[i] * rank->k + j] *= -1;
			*id >>= 1;
		}
	}
	rc = 0;
out:
	if (rc == -1) {
		rec_nbrs_free(out);
		rec_nbrs_free(rank);
	}
	rec_csr_free(&ui);
	free(pos);
	free(item);
	free(g);
	free(h.e);
	free(hr.e);
	return rc;
}
