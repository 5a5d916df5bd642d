/* recommend.h: the recommendation core: pure computation over arrays, no database, no HTTP. */
#ifndef STREAMIFY_RECOMMEND_H
#define STREAMIFY_RECOMMEND_H

#include <stddef.h>
#include <stdint.h>

/*
 * Defaults the batch and the evaluation share (measured in docs/recs.md):
 * content features in more than REC_MAX_POSTINGS movies (0: none up to
 * 20,000 movies, where the lists are exact and the dense features grouped;
 * above, those in over 0.5% of the movies, at least 1,000) are "common" and
 * only their REC_COMMON_CAP postings of highest weight find candidates;
 * EASE models the REC_EASE_ITEMS most-used movies that have at least
 * REC_EASE_MIN_USERS users, with REC_EASE_LAMBDA, and keeps REC_RANK_K
 * weights per movie for the ranking of GET /recommendations (a movie EASE
 * does not model ranks from its first REC_SIMILAR_RANKED similar movies);
 * item-item cosine uses at most REC_MAX_USER_ITEMS items of one user;
 * a user's REC_MAX_SEEDS most recent events are the ones that can seed a
 * ranking (GET /recommendations and the evaluation alike; every event is
 * still excluded from the picks).
 */
#define REC_MAX_POSTINGS	0
#define REC_COMMON_CAP		500
#define REC_EASE_ITEMS		5000
#define REC_EASE_MIN_USERS	5
#define REC_EASE_LAMBDA		200.0
#define REC_RANK_K		400
#define REC_SIMILAR_RANKED	30
#define REC_SIMILAR_WEIGHT	0.1
#define REC_MAX_USER_ITEMS	2000
#define REC_MAX_SEEDS		2000

/*
 * A sparse matrix in compressed rows: the entries of row r are
 * col[ptr[r]] .. col[ptr[r + 1] - 1], columns strictly increasing, with
 * values val[...] (val may be NULL: every value is 1).
 */
struct rec_csr {
	size_t		 nrows;
	size_t		 ncols;
	size_t		*ptr;		/* nrows + 1 offsets */
	uint32_t	*col;		/* ptr[nrows] column indices */
	float		*val;		/* ptr[nrows] values, or NULL */
};

/*
 * Build a CSR matrix from nnz triplets (rows[i], cols[i], vals[i]); vals
 * may be NULL (all 1). Duplicate (row, col) pairs are summed. Returns 0,
 * or -1 when out of memory or an index is out of range (out is then
 * empty). Free with rec_csr_free.
 */
int	rec_csr_build(struct rec_csr *out, size_t nrows, size_t ncols,
	    const uint32_t *rows, const uint32_t *cols, const float *vals, size_t nnz);

/* The transpose of m into out (values kept). Returns 0 or -1 when out of memory. */
int	rec_csr_transpose(struct rec_csr *out, const struct rec_csr *m);

/* Free the arrays of m and zero it; accepts NULL and a zeroed matrix. */
void	rec_csr_free(struct rec_csr *m);

/*
 * Neighbour lists: for each of n items, up to k neighbours in decreasing
 * score order (ties: smaller index first): idx[i * k + r], score[i * k + r]
 * for r < cnt[i].
 */
struct rec_nbrs {
	size_t		 n;
	size_t		 k;
	uint32_t	*cnt;
	uint32_t	*idx;
	float		*score;
};

/*
 * A bounded selection of the cap best (score, id) pairs, kept as a min-heap
 * (the root is the worst kept); e has room for cap entries, n are used.
 */
struct rec_topk_ent {
	float		 s;
	long long	 id;
};

struct rec_topk {
	struct rec_topk_ent	*e;
	size_t		 n;
	size_t		 cap;
};

/* Offer a candidate; it is kept when among the cap best seen (ties: the smaller id). */
void	rec_topk_offer(struct rec_topk *h, float s, long long id);

/* Allocate empty lists for n items and k neighbours. Returns 0 or -1 when out of memory. */
int	rec_nbrs_init(struct rec_nbrs *nb, size_t n, size_t k);

/* Free the arrays of nb and zero it; accepts NULL and zeroed lists. */
void	rec_nbrs_free(struct rec_nbrs *nb);

/* Empty h (at most nb->k entries) into item i's list, best first, as ids. */
void	rec_nbrs_store(struct rec_nbrs *nb, size_t i, struct rec_topk *h);

/* What content similarity needs to know. */
struct rec_content_opts {
	size_t		 k;		/* neighbours kept per item */
	size_t		 max_postings;	/* features in more items are "common" (0: automatic) */
	size_t		 common_cap;	/* postings of a common feature used to find candidates */
	int		 threads;	/* worker threads, >= 1 */
};

/* Options for k neighbours on threads threads, with the shared REC_ defaults above. */
void	rec_content_defaults(struct rec_content_opts *o, size_t k, int threads);


/*
 * Content similarity. feats has one row per item and one column per
 * feature; its values are the feature weights before IDF (group weight
 * times term frequency). Each value is multiplied by the smoothed IDF
 * ln((1 + n) / (1 + df)) + 1, each row is L2-normalised, and the k items
 * of highest cosine (> 0, the item itself excluded) are kept for each item.
 *
 * With max_postings 0 (automatic) and up to 20,000 items the lists are
 * exact: the up to 64 most frequent features that have one raw weight in
 * every item that has them (genres, language, decade) are "dense" and
 * factorised (items with the same dense features form a group, scored
 * group against group), the others go through an inverted index.
 * Otherwise candidates are found through an inverted index: every posting
 * of a feature in at most max_postings items (automatic above 20,000
 * items: 0.5%, at least 1,000), and for a common feature only its
 * common_cap postings of highest weight. Every candidate's cosine is then
 * exact (common features are added by merging the two short lists), so the
 * only approximation is a candidate that shares nothing but common
 * features and is outside those capped lists. Memory grows with the
 * non-zero entries and threads * items, never with items squared.
 * Returns 0, or -1 when out of memory (out is then freed).
 */
int	rec_content(const struct rec_csr *feats, const struct rec_content_opts *o,
	    struct rec_nbrs *out);

/*
 * Weight each row of feats by its TF-IDF and L2 norm in place, as
 * rec_content does (exported for tests and benchmarks). Returns 0 or -1.
 */
int	rec_tfidf(struct rec_csr *feats);

/* What collaborative similarity needs to know. */
struct rec_cf_opts {
	size_t		 k;		/* neighbours kept per item */
	double		 shrink;	/* shrinkage: sim *= co / (co + shrink) */
	double		 alpha;		/* asymmetric cosine: co / (n_i^alpha * n_j^(1-alpha)); 0.5 = cosine */
	size_t		 max_user_items; /* a user's items beyond this many are left out (0 = all) */
	int		 threads;
};

/*
 * Item-item collaborative similarity from binary events. item_users has
 * one row per item listing the users who had a positive event with it
 * (values ignored). For items i and j with co common users:
 * sim = co / (n_i^alpha * n_j^(1 - alpha)) * co / (co + shrink), and the
 * k items of highest similarity are kept for each item. The cost is the
 * sum over users of their item counts squared (bounded by
 * max_user_items). Returns 0, or -1 when out of memory.
 */
int	rec_cf(const struct rec_csr *item_users, const struct rec_cf_opts *o,
	    struct rec_nbrs *out);

/* What the EASE model needs to know. */
struct rec_ease_opts {
	size_t		 k;		/* neighbours kept per item (highest positive weights) */
	size_t		 rank_k;	/* weights kept per item in the ranking lists */
	size_t		 max_items;	/* the most-used items modelled (memory 8 bytes * max_items^2) */
	size_t		 min_users;	/* items with fewer users are not modelled */
	double		 lambda;	/* L2 regularisation */
};

/* The REC_ EASE defaults above, with k neighbours kept per item. */
void	rec_ease_defaults(struct rec_ease_opts *o, size_t k);

/*
 * EASE (Steck 2019) over the items with the most users in item_users (at
 * most max_items, each with at least min_users): with X the binary user x
 * item matrix, P = (X'X + lambda I)^-1 and B_ij = -P_ij / P_jj (i != j),
 * so that a user's score of item j is the sum of B_ij over their items i.
 * Item i's neighbours in out are the k items j of highest positive B_ij;
 * when rank is not NULL, it receives the rank_k of largest |B_ij|, negative
 * ones included, ordered by |B_ij| (the lists GET /recommendations sums).
 * Items outside the modelled set get no list.
 * The inverse is LAPACK's Cholesky factorisation and inverse (dpotrf,
 * dpotri; OpenBLAS makes them fast and multi-threaded): O(M^3) time and
 * 8 M^2 bytes for M items modelled. Returns 0, or -1 when out of memory or
 * the matrix is not positive definite (lambda <= 0); out and rank are then
 * freed.
 */
int	rec_ease(const struct rec_csr *item_users, const struct rec_ease_opts *o,
	    struct rec_nbrs *out, struct rec_nbrs *rank);

/*
 * Replace the list of every item that has one in over (same n and k) in
 * base: "EASE where it is modelled, item-item cosine elsewhere".
 */
void	rec_nbrs_overlay(struct rec_nbrs *base, const struct rec_nbrs *over);

/*
 * The lists GET /recommendations ranks from, into out (freed with
 * rec_nbrs_free): an item's EASE ranking list (rec_ease's rank) where it
 * has one, the first nsimilar of its list in similar (the blend of content
 * and co-watching) times wsimilar elsewhere, so that a movie outside EASE
 * still seeds. Both inputs cover the same items. Returns 0 or -1 when out
 * of memory.
 */
int	rec_rank_lists(const struct rec_nbrs *similar, const struct rec_nbrs *ease,
	    size_t nsimilar, double wsimilar, struct rec_nbrs *out);

/*
 * Blend two neighbour lists of the same items: for item i with nusers[i]
 * users, alpha = nusers / (nusers + blend_users) and a candidate's score is
 * (1 - alpha) * S * content / top content of i + alpha * cf, where S is
 * the mean top CF score over the items that have a CF list (1 when none
 * has): content is brought to the CF scale, and CF keeps its own weights
 * (EASE's sum over a user's items depends on them). A candidate missing
 * from one list counts 0 there. Keeps k per item. Returns 0 or -1 when
 * out of memory.
 */
int	rec_blend(const struct rec_nbrs *content, const struct rec_nbrs *cf,
	    const uint32_t *nusers, double blend_users, size_t k, struct rec_nbrs *out);

/*
 * One entry of a stored ranking list (movie_rank.weights, sql/091): the
 * movie id as 8 bytes and the weight as an IEEE 754 single, both
 * little-endian, whatever the machine's order.
 */
#define REC_RANK_ENTRY	12

/* Write the entry (id, w) into the REC_RANK_ENTRY bytes at e. */
void	rec_rank_encode(unsigned char *e, uint64_t id, float w);

/* Read the entry at e into *id and *w. */
void	rec_rank_decode(const unsigned char *e, uint64_t *id, float *w);

/* One positive event of a user: the item and how much it counts. */
struct rec_seed {
	long long	 item;
	float		 weight;
};

/* One edge of a neighbour list: to is similar to from, with score. */
struct rec_edge {
	long long	 from;
	long long	 to;
	float		 score;
};

/* One ranked recommendation and the seed that contributed most to it. */
struct rec_pick {
	long long	 item;
	float		 score;
	long long	 because;
};

/*
 * Rank candidates for one user: each candidate's score is the sum over
 * edges from a seed of seed weight times edge score. Candidates in
 * exclude (nexclude ids, any order) and the seeds themselves are never
 * picked. Writes at most want picks to out, best first (ties: smaller
 * item first), and returns how many; each names the seed that gave it
 * most (ties: the smaller seed). Returns (size_t)-1 when out of memory.
 */
size_t	rec_rank(const struct rec_edge *edges, size_t nedges, const struct rec_seed *seeds,
	    size_t nseeds, const long long *exclude, size_t nexclude, size_t want,
	    struct rec_pick *out);

/* Top-N quality, summed over users by rec_metrics_add, averaged by rec_metrics_done. */
struct rec_metrics {
	double		 precision;
	double		 recall;
	double		 ndcg;
	double		 hit;
	size_t		 users;
};

/*
 * Add one user: ranked holds the nranked recommended items, best first;
 * relevant the nrel held-out positives (any order, distinct). A user with
 * no relevant item is not counted. With h hits among the first k ranked:
 * precision h / k, recall h / nrel, hit rate 1 when h > 0, and NDCG = sum
 * over hit ranks r (from 1) of 1 / log2(r + 1), divided by the same sum
 * for r = 1 .. min(k, nrel).
 */
void	rec_metrics_add(struct rec_metrics *m, const long long *ranked, size_t nranked,
	    const long long *relevant, size_t nrel, size_t k);

/* Turn the sums into averages over the counted users. */
void	rec_metrics_done(struct rec_metrics *m);

#endif
