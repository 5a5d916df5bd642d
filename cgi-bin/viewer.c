/* viewer.c: what a worker remembers of the users it serves (see viewer.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handlers.h"
#include "metrics.h"
#include "viewer.h"

#define VIEWER_SLOTS	1024	/* users a worker remembers: a slot per user id modulo this */
#define VIEWER_ROWS_MAX	5000	/* a larger library is read for each request instead */
#define VIEWER_MAX_AGE	60	/* seconds anything is remembered at most */
#define PATH_SLOTS	1024	/* movies' video_path, a slot per movie id modulo this */

/* What a remembered row says of a movie (the kinds of STMT_VIEWER_LIBRARY's rows). */
#define F_WATCHLIST	0x01
#define F_FAVORITE	0x02
#define F_COMPLETED	0x04
#define F_RATED		0x08

struct vrow {
	long long	 movie;
	long long	 position;
	double		 score;
	unsigned	 flags;
};

/*
 * One remembered user. Everything in it was read after the versions and
 * the user's board counter it keeps, so it holds while they do (a write
 * anywhere moves one of them), until expires, and, as to access, until
 * the subscription's end (access_until / profile_until).
 */
struct vslot {
	long long		 uid;		/* 0: empty */
	struct versions		 v;
	unsigned long long	 user_v;
	time_t			 expires;
	int			 have_library;	/* 1 read, -1 too large to keep */
	struct vrow		*rows;		/* by movie id */
	size_t			 nrows;
	time_t			 access_until;	/* 0: no access */
	char			*profile;	/* the GET /profile body, or NULL */
	size_t			 profile_len;
	time_t			 profile_until;	/* 0: no limit */
};

static struct vslot	 slots[VIEWER_SLOTS];

/* Movies' video_path, under the catalog version they were read in. */
static struct {
	long long		 id;
	unsigned long long	 catalog;
	char			*path;		/* "": none */
} paths[PATH_SLOTS];

static void
slot_clear(struct vslot *s)
{
	free(s->rows);
	free(s->profile);
	memset(s, 0, sizeof(*s));
}

/*
 * The caller's slot, emptied first unless what it holds still holds; NULL
 * when the versions cannot be read (then nothing is remembered).
 */
static struct vslot *
slot_for(struct req *r)
{
	struct vslot		*s = &slots[(unsigned long long)r->user_id % VIEWER_SLOTS];
	unsigned long long	 user_v;
	time_t			 now = time(NULL);

	if (req_versions(r) != DB_OK)
		return NULL;
	user_v = r->versions.user;
	if (s->uid != r->user_id || s->user_v != user_v || now >= s->expires ||
	    s->v.catalog != r->versions.catalog || s->v.auth != r->versions.auth ||
	    s->v.userdata != r->versions.userdata ||
	    (s->have_library == 1 && s->access_until != 0 && now >= s->access_until) ||
	    (s->profile != NULL && s->profile_until != 0 && now >= s->profile_until)) {
		slot_clear(s);
		s->uid = r->user_id;
		s->v = r->versions;
		s->user_v = user_v;
		s->expires = now + VIEWER_MAX_AGE;
	}
	return s;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct vrow	*x = a, *y = b;

	return (x->movie > y->movie) - (x->movie < y->movie);
}

/*
 * Read the caller's library into s (STMT_VIEWER_LIBRARY). Returns DB_OK,
 * DB_ERR_NOTFOUND when it is too large to keep, or a db_rc error.
 */
static int
library_load(struct req *r, struct vslot *s)
{
	struct db_res	*res = NULL;
	struct vrow	*rows, *p;
	long long	 u = r->user_id, kind;
	size_t		 n, i, j;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_VIEWER_LIBRARY, &res, "iiiii", u, u, u, u, u)) != DB_OK)
		return rc;
	if ((n = db_rows(res)) > VIEWER_ROWS_MAX) {
		db_res_free(res);
		s->have_library = -1;	/* not read again while the slot holds */
		return DB_ERR_NOTFOUND;
	}
	if ((rows = calloc(n + 1, sizeof(*rows))) == NULL) {
		db_res_free(res);
		return DB_ERR_INTERNAL;
	}
	s->access_until = 0;
	for (i = 0; i < n && (rc = db_next(res)) == 1;) {
		kind = db_int(res, 1);
		if (kind == VIEWER_K_ACCESS) {
			if ((time_t)db_double(res, 4) > s->access_until)
				s->access_until = (time_t)db_double(res, 4);
			continue;
		}
		p = &rows[i++];
		p->movie = db_int(res, 0);
		if (kind == VIEWER_K_WATCHLIST)
			p->flags = F_WATCHLIST;
		else if (kind == VIEWER_K_FAVORITE)
			p->flags = F_FAVORITE;
		else if (kind == VIEWER_K_HISTORY) {
			p->position = db_int(res, 2);
			p->flags = db_int(res, 3) ? F_COMPLETED : 0;
		} else if (kind == VIEWER_K_RATING) {
			p->score = db_double(res, 4);
			p->flags = F_RATED;
		}
	}
	db_res_free(res);
	if (rc < 0) {
		free(rows);
		return rc;
	}
	/* One row per movie: the kinds of a movie merged. */
	qsort(rows, i, sizeof(*rows), row_cmp);
	for (n = i, i = j = 0; i < n; i++) {
		if (j > 0 && rows[j - 1].movie == rows[i].movie) {
			p = &rows[j - 1];
			p->flags |= rows[i].flags;
			if (rows[i].flags & F_RATED)
				p->score = rows[i].score;
			if (rows[i].position)
				p->position = rows[i].position;
		} else
			rows[j++] = rows[i];
	}
	free(s->rows);
	s->rows = rows;
	s->nrows = j;
	s->have_library = 1;
	return DB_OK;
}

/*
 * The video_path of movie id ("": none) into *path, remembered per catalog
 * version. Returns DB_OK, DB_ERR_NOTFOUND when there is no such movie, or
 * a db_rc error.
 */
static int
path_get(struct req *r, long long id, const char **path)
{
	char		 buf[600];
	size_t		 k = (unsigned long long)id % PATH_SLOTS;
	int		 rc, found;

	if (paths[k].id == id && r->versions_read && paths[k].catalog == r->versions.catalog) {
		*path = paths[k].path;
		return DB_OK;
	}
	if ((rc = subs_media_path(r->db, id, &found, buf, sizeof(buf))) != DB_OK)
		return rc;
	if (!found)
		return DB_ERR_NOTFOUND;	/* gone since its detail was read: nothing to remember */
	free(paths[k].path);
	paths[k].id = 0;
	if ((paths[k].path = strdup(buf)) == NULL)
		return DB_ERR_INTERNAL;
	if (r->versions_read) {
		paths[k].id = id;
		paths[k].catalog = r->versions.catalog;
	}
	*path = paths[k].path;
	return DB_OK;
}

/* The same as viewer_movie, read for this request only (STMT_MOVIE_VIEWER). */
static int
movie_read(struct req *r, long long id, struct viewer_movie *out)
{
	static char	*path;
	struct db_res	*res = NULL;
	long long	 u = r->user_id;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_MOVIE_VIEWER, &res, "iiiiii", u, u, u, u, u, id)) != DB_OK)
		return rc;
	free(path);
	path = NULL;
	if ((rc = db_next(res)) == 1) {
		out->in_watchlist = db_int(res, VIEWER_STATE) != 0;
		out->favorite = db_int(res, VIEWER_STATE + 1) != 0;
		out->position = db_int(res, VIEWER_STATE + 2);
		out->completed = db_int(res, VIEWER_STATE + 3) != 0;
		out->rated = !db_isnull(res, VIEWER_STATE + 4);
		out->score = db_double(res, VIEWER_STATE + 4);
		out->access = db_int(res, VIEWER_ACCESS) != 0;
		if (db_str(res, VIEWER_PATH) != NULL && (path = strdup(db_str(res, VIEWER_PATH))) == NULL)
			rc = DB_ERR_INTERNAL;
		out->video_path = path;
	}
	db_res_free(res);
	return rc < 0 ? rc : rc == 0 ? DB_ERR_NOTFOUND : DB_OK;
}

int
viewer_movie(struct req *r, long long id, struct viewer_movie *out)
{
	struct vslot	*s;
	struct vrow	 key, *p;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((s = slot_for(r)) == NULL || s->have_library == -1)
		return movie_read(r, id, out);
	metrics_memory(MEM_VIEWERS, s->have_library);
	if (!s->have_library && (rc = library_load(r, s)) != DB_OK)
		return rc == DB_ERR_NOTFOUND ? movie_read(r, id, out) : rc;
	key.movie = id;
	if ((p = bsearch(&key, s->rows, s->nrows, sizeof(*p), row_cmp)) != NULL) {
		out->in_watchlist = (p->flags & F_WATCHLIST) != 0;
		out->favorite = (p->flags & F_FAVORITE) != 0;
		out->completed = (p->flags & F_COMPLETED) != 0;
		out->rated = (p->flags & F_RATED) != 0;
		out->position = p->position;
		out->score = p->score;
	}
	out->access = s->access_until != 0 && time(NULL) < s->access_until;
	if (out->access)
		return path_get(r, id, &out->video_path);
	return DB_OK;
}

int
viewer_recall_profile(struct req *r, struct resp *w)
{
	struct vslot	*s;

	s = slot_for(r);
	metrics_memory(MEM_VIEWERS, s != NULL && s->profile != NULL);
	if (s == NULL || s->profile == NULL)
		return 0;
	return resp_copy(w, 200, s->profile, s->profile_len) == 200;
}

void
viewer_keep_profile(struct req *r, const struct resp *w, long long until)
{
	struct vslot	*s = &slots[(unsigned long long)r->user_id % VIEWER_SLOTS];

	/* Only into the slot slot_for prepared for this request (its versions came first). */
	if (s->uid != r->user_id || !r->versions_read || w->status != 200 || w->body == NULL)
		return;
	free(s->profile);
	if ((s->profile = malloc(w->body_len + 1)) == NULL)
		return;
	memcpy(s->profile, w->body, w->body_len + 1);
	s->profile_len = w->body_len;
	s->profile_until = (time_t)until;
}
