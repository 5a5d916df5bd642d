/* test-recommend.c: the recommendation core on tiny hand-made data with known answers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "recommend.h"

/*
 * Six movies and their features (columns): 0 Action, 1 SciFi, 2 Romance,
 * 3 Drama, 4 Documentary, 5 director A, 6 director B, 7 keyword space,
 * 8 keyword love, 9 keyword car.
 *   movie 0: Action SciFi, director A, space
 *   movie 1: Action SciFi, director A, space   (the twin of 0)
 *   movie 2: Action, car
 *   movie 3: Romance Drama, director B, love
 *   movie 4: Romance, director B, love          (close to 3)
 *   movie 5: Documentary                        (shares nothing)
 */
static const uint32_t	fr[] = { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5 };
static const uint32_t	fc[] = { 0, 1, 5, 7, 0, 1, 5, 7, 0, 9, 2, 3, 6, 8, 2, 6, 8, 4 };

static void
catalog(struct rec_csr *m)
{
	ck_assert_int_eq(rec_csr_build(m, 6, 10, fr, fc, NULL, sizeof(fr) / sizeof(fr[0])), 0);
}

START_TEST(csr_build_sorts_and_sums)
{
	struct rec_csr	 m;
	uint32_t	 r[] = { 1, 0, 1, 1 }, c[] = { 3, 2, 0, 3 };
	float		 v[] = { 1, 2, 3, 4 };

	ck_assert_int_eq(rec_csr_build(&m, 2, 4, r, c, v, 4), 0);
	ck_assert_uint_eq(m.ptr[1], 1);
	ck_assert_uint_eq(m.ptr[2], 3);
	ck_assert_uint_eq(m.col[1], 0);
	ck_assert_uint_eq(m.col[2], 3);
	ck_assert_float_eq(m.val[2], 5);
	rec_csr_free(&m);
	c[0] = 9;
	ck_assert_int_eq(rec_csr_build(&m, 2, 4, r, c, v, 4), -1);
	rec_csr_free(NULL);
}
END_TEST

START_TEST(content_known_neighbours)
{
	struct rec_csr		 m;
	struct rec_nbrs		 nb;
	struct rec_content_opts	 o = { 3, 1000, 1000, 2 };

	catalog(&m);
	ck_assert_int_eq(rec_content(&m, &o, &nb), 0);
	ck_assert_uint_eq(nb.cnt[0], 2);
	ck_assert_uint_eq(nb.idx[0 * 3 + 0], 1);		/* the twin first */
	ck_assert_float_eq_tol(nb.score[0 * 3 + 0], 1.0, 1e-5);
	ck_assert_uint_eq(nb.idx[0 * 3 + 1], 2);		/* shares Action */
	ck_assert_uint_eq(nb.idx[3 * 3 + 0], 4);
	ck_assert_uint_eq(nb.idx[4 * 3 + 0], 3);
	ck_assert_float_eq_tol(nb.score[3 * 3 + 0], nb.score[4 * 3 + 0], 1e-6);	/* symmetric */
	ck_assert_uint_eq(nb.cnt[5], 0);			/* nothing shared, no neighbour */
	ck_assert(nb.score[0 * 3 + 1] < nb.score[0 * 3 + 0]);
	rec_nbrs_free(&nb);
	rec_csr_free(&m);
}
END_TEST

START_TEST(content_capped_postings_stay_exact)
{
	struct rec_csr		 m;
	struct rec_nbrs		 a, b, c;
	struct rec_content_opts	 full = { 3, 1000, 1000, 1 };
	struct rec_content_opts	 capped = { 3, 1, 1000, 2 };	/* every shared feature "common" */
	struct rec_content_opts	 none = { 3, 1, 0, 1 };		/* common postings unused */
	size_t			 i;

	catalog(&m);
	ck_assert_int_eq(rec_content(&m, &full, &a), 0);
	ck_assert_int_eq(rec_content(&m, &capped, &b), 0);
	for (i = 0; i < 6 * 3; i++)
		if (i % 3 < a.cnt[i / 3]) {
			ck_assert_uint_eq(a.idx[i], b.idx[i]);
			ck_assert_float_eq_tol(a.score[i], b.score[i], 1e-6);
		}
	ck_assert_int_eq(rec_content(&m, &none, &c), 0);
	for (i = 0; i < 6; i++)
		ck_assert_uint_eq(c.cnt[i], 0);
	rec_nbrs_free(&a);
	rec_nbrs_free(&b);
	rec_nbrs_free(&c);
	rec_csr_free(&m);
}
END_TEST

/*
 * Against brute force on a random catalog where most features are "common"
 * (scored exactly per candidate, and pruned by their norm bound once the
 * heap is full): the same top-k scores for every item.
 */
START_TEST(content_matches_brute_force)
{
	enum { N = 300, F = 60, K = 5 };
	struct rec_csr		 m, w;
	struct rec_nbrs		 got;
	struct rec_content_opts	 o = { K, 10, 1000, 2 };
	uint32_t		 r[N * 8], c[N * 8];
	size_t			 n = 0, i, a, b, t;
	unsigned int		 seed = 12345;
	static float		 dense[N][F], best[K];

	for (i = 0; i < N; i++)
		for (t = 0; t < 3 + i % 6; t++) {
			seed = seed * 1103515245u + 12345u;
			r[n] = (uint32_t)i;
			/* Skewed: low feature ids are frequent. */
			c[n++] = (uint32_t)(((seed >> 8) % F) * ((seed >> 20) % F) / F);
		}
	ck_assert_int_eq(rec_csr_build(&m, N, F, r, c, NULL, n), 0);
	ck_assert_int_eq(rec_csr_build(&w, N, F, r, c, NULL, n), 0);
	ck_assert_int_eq(rec_tfidf(&w), 0);
	memset(dense, 0, sizeof(dense));
	for (i = 0; i < N; i++)
		for (a = w.ptr[i]; a < w.ptr[i + 1]; a++)
			dense[i][w.col[a]] = w.val[a];
	ck_assert_int_eq(rec_content(&m, &o, &got), 0);
	for (i = 0; i < N; i++) {
		for (t = 0; t < K; t++)
			best[t] = 0;
		for (b = 0; b < N; b++) {
			float	 s = 0, x;

			if (b == i)
				continue;
			for (a = 0; a < F; a++)
				s += dense[i][a] * dense[b][a];
			for (t = 0; t < K && s > 1e-7f; t++)
				if (s > best[t]) {
					x = best[t];
					best[t] = s;
					s = x;
				}
		}
		for (t = 0; t < K; t++)
			if (best[t] > 1e-6f) {
				ck_assert_uint_gt(got.cnt[i], t);
				ck_assert_float_eq_tol(got.score[i * K + t], best[t], 1e-5);
			}
	}
	rec_nbrs_free(&got);
	rec_csr_free(&m);
	rec_csr_free(&w);
}
END_TEST

/*
 * The default (exact) path factorises the features that have one raw weight
 * in every item: against brute force on random catalogs with such features
 * and others of varying weight, twins, and empty items, every list holds
 * the best scores, each neighbour's score is its brute-force cosine, and no
 * item lists itself. Two shapes: few features, and more than 64 candidates
 * with a third of them weighing 0 (a group weight set to 0).
 */
START_TEST(content_grouped_matches_brute_force)
{
	enum { N = 500, K = 7 };
	static const size_t	 nfeat[] = { 40, 300 };
	struct rec_csr		 m, w;
	struct rec_nbrs		 got;
	struct rec_content_opts	 o = { K, 0, REC_COMMON_CAP, 2 };
	static uint32_t		 r[N * 10], c[N * 10];
	static float		 v[N * 10], best[K];
	static double		 *dense;
	size_t			 n, i, a, b, t, q, F;
	unsigned int		 seed = 777;

	for (q = 0; q < 2; q++) {
		F = nfeat[q];
		n = 0;
		dense = calloc(N * F, sizeof(*dense));
		ck_assert_ptr_nonnull(dense);
		for (i = 0; i < N; i++) {
			if (i % 50 == 7)
				continue;	/* no features at all */
			for (t = 0; t < 2 + i % 7; t++) {
				if (i % 40 == 11) {	/* the twin of the item before */
					for (a = 0; a < n; a++)
						if (r[a] == i - 1) {
							r[n] = (uint32_t)i;
							c[n] = c[a];
							v[n++] = v[a];
						}
					break;
				}
				seed = seed * 1103515245u + 12345u;
				r[n] = (uint32_t)i;
				c[n] = (uint32_t)(((seed >> 8) % F) * ((seed >> 20) % F) / F);
				/* Thirds: weight 1, 0.3 (0 in the second shape), a count that varies. */
				v[n] = c[n] % 3 == 0 ? 1.0f : c[n] % 3 == 1 ? (q ? 0.0f : 0.3f) :
				    1.0f + (float)((seed >> 4) % 3);
				n++;
			}
		}
		ck_assert_int_eq(rec_csr_build(&m, N, F, r, c, v, n), 0);
		ck_assert_int_eq(rec_csr_build(&w, N, F, r, c, v, n), 0);
		ck_assert_int_eq(rec_tfidf(&w), 0);
		for (i = 0; i < N; i++)
			for (a = w.ptr[i]; a < w.ptr[i + 1]; a++)
				dense[i * F + w.col[a]] = w.val[a];
		ck_assert_int_eq(rec_content(&m, &o, &got), 0);
		for (i = 0; i < N; i++) {
			size_t	 positive = 0;

			for (t = 0; t < K; t++)
				best[t] = 0;
			for (b = 0; b < N; b++) {
				double	 s = 0;
				float	 x, y;

				if (b == i)
					continue;
				for (a = 0; a < F; a++)
					s += dense[i * F + a] * dense[b * F + a];
				if (s <= 0)
					continue;
				positive++;
				for (y = (float)s, t = 0; t < K; t++)
					if (y > best[t]) {
						x = best[t];
						best[t] = y;
						y = x;
					}
			}
			ck_assert_uint_eq(got.cnt[i], positive < K ? positive : K);
			for (t = 0; t < got.cnt[i]; t++) {
				uint32_t	 nb = got.idx[i * K + t];
				double		 s = 0;

				ck_assert_uint_ne(nb, i);
				for (a = 0; a < t; a++)
					ck_assert_uint_ne(got.idx[i * K + a], nb);
				for (a = 0; a < F; a++)
					s += dense[i * F + a] * dense[nb * F + a];
				ck_assert_float_eq_tol(got.score[i * K + t], s, 1e-5);
				ck_assert_float_eq_tol(got.score[i * K + t], best[t], 1e-5);
			}
		}
		rec_nbrs_free(&got);
		rec_csr_free(&m);
		rec_csr_free(&w);
		free(dense);
	}
}
END_TEST

START_TEST(tfidf_rare_feature_weighs_more)
{
	struct rec_csr	 m;

	catalog(&m);
	ck_assert_int_eq(rec_tfidf(&m), 0);
	/* Movie 2: Action (in 3 movies) and car (in 1): car weighs more; the row has norm 1. */
	ck_assert(m.val[m.ptr[2] + 1] > m.val[m.ptr[2]]);
	ck_assert_float_eq_tol(m.val[m.ptr[2]] * m.val[m.ptr[2]] +
	    m.val[m.ptr[2] + 1] * m.val[m.ptr[2] + 1], 1.0, 1e-5);
	/* IDF as sklearn's smooth_idf: ln((1 + 6) / (1 + df)) + 1. */
	ck_assert_float_eq_tol(m.val[m.ptr[2] + 1] / m.val[m.ptr[2]],
	    (log(7.0 / 2) + 1) / (log(7.0 / 4) + 1), 1e-5);
	rec_csr_free(&m);
}
END_TEST

/* Users: u0 {0, 1}, u1 {0, 1}, u2 {0, 2}, u3 {3}. */
static void
events(struct rec_csr *iu)
{
	uint32_t	 item[] = { 0, 1, 0, 1, 0, 2, 3 }, user[] = { 0, 0, 1, 1, 2, 2, 3 };

	ck_assert_int_eq(rec_csr_build(iu, 4, 4, item, user, NULL, 7), 0);
}

START_TEST(cf_cosine_with_shrinkage)
{
	struct rec_csr		 iu;
	struct rec_nbrs		 nb;
	struct rec_cf_opts	 o = { 3, 0, 0.5, 0, 2 };

	events(&iu);
	ck_assert_int_eq(rec_cf(&iu, &o, &nb), 0);
	ck_assert_uint_eq(nb.cnt[0], 2);
	ck_assert_uint_eq(nb.idx[0], 1);
	ck_assert_float_eq_tol(nb.score[0], 2 / sqrt(3.0 * 2), 1e-6);
	ck_assert_uint_eq(nb.idx[1], 2);
	ck_assert_float_eq_tol(nb.score[1], 1 / sqrt(3.0 * 1), 1e-6);
	ck_assert_uint_eq(nb.cnt[3], 0);
	rec_nbrs_free(&nb);
	/* Shrinkage 2: co / (co + 2) pulls the one-user pair down more. */
	o.shrink = 2;
	ck_assert_int_eq(rec_cf(&iu, &o, &nb), 0);
	ck_assert_float_eq_tol(nb.score[0], 2 / sqrt(6.0) * 0.5, 1e-6);
	ck_assert_float_eq_tol(nb.score[1], 1 / sqrt(3.0) / 3, 1e-6);
	rec_nbrs_free(&nb);
	/* A cap of one item per user: no pair is left. */
	o.max_user_items = 1;
	ck_assert_int_eq(rec_cf(&iu, &o, &nb), 0);
	ck_assert_uint_eq(nb.cnt[0], 0);
	rec_nbrs_free(&nb);
	rec_csr_free(&iu);
}
END_TEST

START_TEST(blend_moves_to_cf_with_users)
{
	struct rec_nbrs	 c, f, b;
	uint32_t	 few[] = { 0, 0 }, many[] = { 1000000, 1000000 };

	ck_assert_int_eq(rec_nbrs_init(&c, 2, 2), 0);
	ck_assert_int_eq(rec_nbrs_init(&f, 2, 2), 0);
	/* Item 0: content says 1, CF says nothing; item 1: the reverse. */
	c.cnt[0] = 1; c.idx[0] = 1; c.score[0] = 0.5f;
	f.cnt[1] = 1; f.idx[2] = 0; f.score[2] = 0.2f;
	ck_assert_int_eq(rec_blend(&c, &f, few, 20, 2, &b), 0);
	ck_assert_uint_eq(b.cnt[0], 1);
	/* Content is normalised by its top, then brought to the CF scale (mean top 0.2). */
	ck_assert_float_eq_tol(b.score[0], 0.2, 1e-6);
	ck_assert_uint_eq(b.cnt[1], 0);			/* no users: CF weighs 0 */
	rec_nbrs_free(&b);
	ck_assert_int_eq(rec_blend(&c, &f, many, 20, 2, &b), 0);
	ck_assert_uint_eq(b.cnt[1], 1);
	ck_assert_float_eq_tol(b.score[2], 0.2, 1e-5);	/* CF keeps its own score */
	ck_assert_float_eq_tol(b.score[0], 0.2 * 20.0 / 1000020, 1e-7);
	rec_nbrs_free(&b);
	rec_nbrs_free(&c);
	rec_nbrs_free(&f);
}
END_TEST

/* EASE by hand: users {0, 1}, {0, 1}, {1, 2}, lambda 1: G = [[3 2 0] [2 4 1] [0 1 2]]. */
START_TEST(ease_by_hand)
{
	struct rec_csr		 iu;
	struct rec_nbrs		 nb, nb2, base, rank;
	struct rec_ease_opts	 o = { 2, 3, 10, 1, 1.0 };
	uint32_t		 item[] = { 0, 1, 0, 1, 1, 2 }, user[] = { 0, 0, 1, 1, 2, 2 };

	ck_assert_int_eq(rec_csr_build(&iu, 3, 3, item, user, NULL, 6), 0);
	ck_assert_int_eq(rec_ease(&iu, &o, &nb, &rank), 0);
	/* B = -P / diag(P): row 0 (0, 2/3, -1/4), row 1 (4/7, 0, 3/8), row 2 (-2/7, 1/2, 0). */
	ck_assert_uint_eq(nb.cnt[0], 1);		/* the negative weight is dropped */
	ck_assert_uint_eq(nb.idx[0], 1);
	ck_assert_float_eq_tol(nb.score[0], 2.0 / 3, 1e-6);
	ck_assert_uint_eq(nb.cnt[1], 2);
	ck_assert_uint_eq(nb.idx[2], 0);
	ck_assert_float_eq_tol(nb.score[2], 4.0 / 7, 1e-6);
	ck_assert_uint_eq(nb.idx[3], 2);
	ck_assert_float_eq_tol(nb.score[3], 3.0 / 8, 1e-6);
	ck_assert_float_eq_tol(nb.score[4], 0.5, 1e-6);
	/* The ranking lists: the rank_k largest |weights|, the negative ones signed. */
	ck_assert_uint_eq(rank.cnt[0], 2);
	ck_assert_uint_eq(rank.idx[0], 1);
	ck_assert_float_eq_tol(rank.score[0], 2.0 / 3, 1e-6);
	ck_assert_uint_eq(rank.idx[1], 2);
	ck_assert_float_eq_tol(rank.score[1], -1.0 / 4, 1e-6);
	ck_assert_uint_eq(rank.cnt[1], 2);
	ck_assert_uint_eq(rank.idx[3], 0);
	ck_assert_float_eq_tol(rank.score[3], 4.0 / 7, 1e-6);
	ck_assert_float_eq_tol(rank.score[4], 3.0 / 8, 1e-6);
	ck_assert_uint_eq(rank.cnt[2], 2);
	ck_assert_uint_eq(rank.idx[6], 1);
	ck_assert_float_eq_tol(rank.score[6], 0.5, 1e-6);
	ck_assert_uint_eq(rank.idx[7], 0);
	ck_assert_float_eq_tol(rank.score[7], -2.0 / 7, 1e-6);
	rec_nbrs_free(&rank);
	/* rank_k 1: only the largest, positive or not. */
	o.rank_k = 1;
	ck_assert_int_eq(rec_ease(&iu, &o, &nb2, &rank), 0);
	ck_assert_uint_eq(rank.cnt[0], 1);
	ck_assert_uint_eq(rank.idx[0], 1);
	ck_assert_uint_eq(rank.idx[1], 0);
	ck_assert_uint_eq(rank.idx[2], 1);
	ck_assert_float_eq_tol(rank.score[2], 0.5, 1e-6);
	rec_nbrs_free(&rank);
	rec_nbrs_free(&nb2);
	o.rank_k = 3;
	/* Only the most-used item modelled: nothing to pair it with, no list. */
	ck_assert_int_eq(rec_nbrs_init(&base, 3, 2), 0);
	base.cnt[2] = 1; base.idx[4] = 0; base.score[4] = 0.1f;
	rec_nbrs_overlay(&base, &nb);
	ck_assert_float_eq_tol(base.score[4], 0.5, 1e-6);	/* EASE replaces the list */
	rec_nbrs_free(&nb);
	o.max_items = 1;
	ck_assert_int_eq(rec_ease(&iu, &o, &nb, NULL), 0);
	ck_assert_uint_eq(nb.cnt[0] + nb.cnt[1] + nb.cnt[2], 0);
	rec_nbrs_free(&nb);
	/* Items with fewer than min_users users are left out: only item 1 has 3. */
	o.max_items = 10;
	o.min_users = 3;
	ck_assert_int_eq(rec_ease(&iu, &o, &nb, NULL), 0);
	ck_assert_uint_eq(nb.cnt[0] + nb.cnt[1] + nb.cnt[2], 0);
	rec_nbrs_free(&nb);
	o.min_users = 2;
	ck_assert_int_eq(rec_ease(&iu, &o, &nb, NULL), 0);
	ck_assert_uint_eq(nb.cnt[2], 0);
	ck_assert_uint_eq(nb.cnt[0], 1);
	rec_nbrs_free(&nb);
	o.lambda = 0;
	ck_assert_int_eq(rec_ease(&iu, &o, &nb, NULL), -1);
	rec_nbrs_free(&base);
	rec_csr_free(&iu);
}
END_TEST

/* The service's lists: EASE's where an item has one, the first nsimilar similar elsewhere. */
START_TEST(rank_lists_take_ease_first)
{
	struct rec_nbrs	 sim, ease, out;

	ck_assert_int_eq(rec_nbrs_init(&sim, 3, 3), 0);
	ck_assert_int_eq(rec_nbrs_init(&ease, 3, 4), 0);
	sim.cnt[0] = 3; sim.idx[0] = 1; sim.idx[1] = 2; sim.idx[2] = 1;
	sim.score[0] = 0.9f; sim.score[1] = 0.8f; sim.score[2] = 0.7f;
	sim.cnt[1] = 1; sim.idx[3] = 0; sim.score[3] = 0.5f;
	ease.cnt[1] = 2; ease.idx[4] = 2; ease.score[4] = 0.3f; ease.idx[5] = 0;
	ease.score[5] = -0.2f;
	ck_assert_int_eq(rec_rank_lists(&sim, &ease, 2, 0.5, &out), 0);
	ck_assert_uint_eq(out.k, 4);
	ck_assert_uint_eq(out.cnt[0], 2);		/* similar, cut to 2 */
	ck_assert_uint_eq(out.idx[1], 2);
	ck_assert_float_eq_tol(out.score[1], 0.4, 1e-6);	/* times 0.5 */
	ck_assert_uint_eq(out.cnt[1], 2);		/* EASE's, negative weight kept */
	ck_assert_uint_eq(out.idx[4], 2);
	ck_assert_float_eq_tol(out.score[5], -0.2, 1e-6);
	ck_assert_uint_eq(out.cnt[2], 0);
	rec_nbrs_free(&out);
	rec_nbrs_free(&sim);
	rec_nbrs_free(&ease);
}
END_TEST

/* A stored ranking entry is 12 little-endian bytes, whatever the machine. */
START_TEST(rank_entry_round_trip)
{
	unsigned char	 e[REC_RANK_ENTRY];
	uint64_t	 id;
	float		 w;

	rec_rank_encode(e, 0x0102030405060708ULL, -0.375f);
	ck_assert_uint_eq(e[0], 0x08);
	ck_assert_uint_eq(e[7], 0x01);
	/* -0.375 is 0xBEC00000. */
	ck_assert_uint_eq(e[8], 0x00);
	ck_assert_uint_eq(e[10], 0xC0);
	ck_assert_uint_eq(e[11], 0xBE);
	rec_rank_decode(e, &id, &w);
	ck_assert_uint_eq(id, 0x0102030405060708ULL);
	ck_assert_float_eq(w, -0.375f);
}
END_TEST

/* A negative weight pulls a candidate down; a total at or below 0 is never picked. */
START_TEST(rank_sums_negative_weights)
{
	struct rec_edge	 e[] = {
		{ 10, 20, 0.4f }, { 11, 20, -0.3f }, { 10, 30, 0.2f }, { 11, 40, -0.1f },
		{ 10, 40, 0.05f },
	};
	struct rec_seed	 s[] = { { 10, 1.0f }, { 11, 1.0f } };
	struct rec_pick	 p[5];

	ck_assert_uint_eq(rec_rank(e, 5, s, 2, NULL, 0, 5, p), 2);
	ck_assert_int_eq(p[0].item, 30);		/* 0.2 beats 0.4 - 0.3 */
	ck_assert_int_eq(p[1].item, 20);
	ck_assert_float_eq_tol(p[1].score, 0.1, 1e-6);
	ck_assert_int_eq(p[1].because, 10);
}
END_TEST

START_TEST(rank_excludes_seen_and_names_the_seed)
{
	struct rec_edge	 e[] = {
		{ 10, 20, 0.9f }, { 10, 30, 0.5f }, { 11, 30, 0.6f }, { 99, 40, 0.9f },
		{ 10, 50, 0.8f }, { 10, 11, 0.7f },
	};
	struct rec_seed	 s[] = { { 10, 1.0f }, { 11, 0.5f } };
	long long	 ex[] = { 50 };
	struct rec_pick	 p[5];
	size_t		 n;

	n = rec_rank(e, 6, s, 2, ex, 1, 5, p);
	ck_assert_uint_eq(n, 2);		/* 40: from no seed; 50: excluded; 11: a seed */
	ck_assert_int_eq(p[0].item, 20);
	ck_assert_float_eq_tol(p[0].score, 0.9, 1e-6);
	ck_assert_int_eq(p[0].because, 10);
	ck_assert_int_eq(p[1].item, 30);
	ck_assert_float_eq_tol(p[1].score, 0.5 + 0.3, 1e-6);
	ck_assert_int_eq(p[1].because, 10);	/* 0.5 > 0.5 * 0.6 */
	ck_assert_uint_eq(rec_rank(e, 6, s, 2, ex, 1, 1, p), 1);
	ck_assert_uint_eq(rec_rank(e, 0, s, 2, NULL, 0, 3, p), 0);
}
END_TEST

START_TEST(metrics_by_hand)
{
	struct rec_metrics	 m;
	long long		 ranked[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	long long		 rel1[] = { 2, 5, 20 }, rel2[] = { 99 };
	double			 ndcg1;

	memset(&m, 0, sizeof(m));
	rec_metrics_add(&m, ranked, 10, rel1, 3, 10);
	rec_metrics_add(&m, ranked, 10, rel2, 1, 10);
	rec_metrics_add(&m, ranked, 10, NULL, 0, 10);	/* no positive: not counted */
	rec_metrics_done(&m);
	/* User 1: hits at ranks 2 and 5 of 10, 3 relevant. */
	ndcg1 = (1 / log2(3.0) + 1 / log2(6.0)) / (1 + 1 / log2(3.0) + 1 / log2(4.0));
	ck_assert_uint_eq(m.users, 2);
	ck_assert_double_eq_tol(ndcg1, 0.477624, 1e-6);
	ck_assert_double_eq_tol(m.precision, (0.2 + 0) / 2, 1e-12);
	ck_assert_double_eq_tol(m.recall, (2.0 / 3 + 0) / 2, 1e-12);
	ck_assert_double_eq_tol(m.ndcg, ndcg1 / 2, 1e-12);
	ck_assert_double_eq_tol(m.hit, 0.5, 1e-12);
	/* Fewer relevant than k: the ideal DCG stops at nrel. */
	memset(&m, 0, sizeof(m));
	rec_metrics_add(&m, ranked, 10, rel2 - 0, 1, 10);
	rec_metrics_add(&m, ranked, 3, (long long[]){ 1 }, 1, 10);
	rec_metrics_done(&m);
	ck_assert_double_eq_tol(m.ndcg, 0.5, 1e-12);
	ck_assert_double_eq_tol(m.precision, 0.05, 1e-12);
}
END_TEST

CHECK_MAIN("recommend", csr_build_sorts_and_sums, content_known_neighbours,
    content_capped_postings_stay_exact, content_matches_brute_force,
    content_grouped_matches_brute_force, tfidf_rare_feature_weighs_more, cf_cosine_with_shrinkage,
    blend_moves_to_cf_with_users, ease_by_hand, rank_lists_take_ease_first, rank_entry_round_trip,
    rank_sums_negative_weights, rank_excludes_seen_and_names_the_seed, metrics_by_hand)
